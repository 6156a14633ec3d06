/**
 * Third-party notices beside a bundle: a Vite (Rolldown) plugin that writes LICENSES.txt into the
 * output with the name, version, licence and licence text of every npm package whose code ended
 * up in the bundle (Lit is BSD-3-Clause, webextension-polyfill MPL-2.0, zod and ky MIT). It reads
 * the modules the bundle really holds, so a new dependency brings its notice and a dropped one
 * takes it away. Used by the widget's build (dist/widget/) and the extension's (so both store zips
 * carry it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

interface Notice {
  name: string;
  version: string;
  license: string;
  text: string;
}

/** The package directory a module file belongs to (the nearest package.json with a name), or null. */
function packageDirOf(file: string): string | null {
  if (!file.includes('/node_modules/')) return null;
  for (let dir = dirname(file); dir.includes('/node_modules/'); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name) return dir;
  }
  return null;
}

function noticeOf(dir: string): Notice {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return {
    name: pkg.name,
    version: pkg.version,
    license: pkg.license ?? 'UNKNOWN',
    text: file ? readFileSync(join(dir, file), 'utf8').trim() : '',
  };
}

export function formatNotices(product: string, notices: readonly Notice[]): string {
  const head = `${product} bundles the following third-party packages. Their licences require these notices.\n`;
  const body = notices.map(
    (n) =>
      `${'='.repeat(72)}\n${n.name}@${n.version} — ${n.license}\n${'='.repeat(72)}\n\n${n.text || `(${n.license}; no licence file in the package)`}\n`,
  );
  return [head, ...body].join('\n');
}

export function thirdPartyNotices(product: string, fileName = 'LICENSES.txt'): Plugin {
  return {
    name: 'third-party-notices',
    apply: 'build',
    generateBundle() {
      const dirs = new Set<string>();
      for (const id of this.getModuleIds()) {
        const dir = packageDirOf(id.replace(/^\0/, '').split('?')[0]!);
        if (dir) dirs.add(dir);
      }
      const notices = [...dirs].map(noticeOf).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.emitFile({ type: 'asset', fileName, source: formatNotices(product, notices) });
    },
  };
}
