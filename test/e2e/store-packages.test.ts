/**
 * `npm run build` also writes the two store packages (docs/extension.md): one zip per browser, with
 * the manifest at the root, the popup, options and background, no source maps and nothing the
 * crxjs dev server adds. Read with a tiny zip central-directory reader (no dependency).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './extension-harness.ts';

interface Entry {
  name: string;
  data: () => Buffer;
}

function readZip(file: string): Entry[] {
  const zip = readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      data: () => {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const raw = zip.subarray(start, start + size);
        return method === 8 ? inflateRawSync(raw) : raw;
      },
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const version = JSON.parse(readFileSync(`${ROOT}/widget/package.json`, 'utf8')).version as string;

beforeAll(() => {
  // npm test has just run this build (scripts/test.mjs sets IESS_DIST_BUILT); building again here
  // would empty dist/widget under the servers of the other engines' end-to-end runs beside it.
  if (process.env.IESS_DIST_BUILT !== '1') execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

describe('store packages from npm run build', () => {
  it.each(['chrome', 'firefox'])('%s: a zip with the manifest at the root, popup, options, background, no maps', (browser) => {
    const entries = readZip(`${ROOT}/dist/iess-clave-${browser}-${version}.zip`);
    const names = entries.map((e) => e.name);
    expect(names).toContain('manifest.json');
    expect(names).toContain('src/popup/index.html');
    expect(names).toContain('src/options/index.html');
    expect(names.some((n) => n.endsWith('.map'))).toBe(false);
    const manifest = JSON.parse(
      entries
        .find((e) => e.name === 'manifest.json')!
        .data()
        .toString('utf8'),
    );
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.version).toBe(version);
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    if (browser === 'firefox') {
      expect(manifest.browser_specific_settings.gecko.id).toBeTruthy();
      expect(manifest.background.scripts).toHaveLength(1);
    } else {
      expect(manifest.background.service_worker).toBeTruthy();
    }
  });

  it.each(['chrome', 'firefox'])(
    '%s: LICENSES.txt carries the notices of the bundled third-party code (scripts/vite-licenses.ts)',
    (browser) => {
      const entries = readZip(`${ROOT}/dist/iess-clave-${browser}-${version}.zip`);
      const notices =
        entries
          .find((e) => e.name === 'LICENSES.txt')
          ?.data()
          .toString('utf8') ?? '';
      expect(notices).toMatch(/^lit-html@\S+ — BSD-3-Clause$/m);
      expect(notices).toMatch(/^webextension-polyfill@\S+ — MPL-2.0$/m);
      expect(notices).toMatch(/^zod@\S+ — MIT$/m);
      expect(notices).toContain('Mozilla Public License');
    },
  );
});
