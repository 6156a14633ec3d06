/**
 * The built extension: permissions and CSP as reviewed, no dynamic code, Firefox lint clean,
 * and the Chrome build's options page and background worker working in headless Chromium.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getConfig } from '../fixtures/api/config.ts';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGED_SCHEMA_PATH, REVIEWED_HOSTS, REVIEWED_OPTIONAL_HOSTS, REVIEWED_PERMISSIONS } from '../../src/manifest-flavours.ts';
import { buildExtension, dumpStorage, grantTestOrigin, loadExtension, ROOT, type LoadedExtension } from './extension-harness.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const builds: Record<'chrome' | 'firefox', string> = { chrome: '', firefox: '' };

beforeAll(() => {
  builds.chrome = buildExtension('chrome');
  builds.firefox = buildExtension('firefox');
});
afterAll(() => {
  for (const dir of Object.values(builds)) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(['chrome', 'firefox'] as const)('%s build', (browser) => {
  it('EX-02: the built manifest keeps exactly the reviewed permissions', () => {
    const manifest = JSON.parse(readFileSync(join(builds[browser], 'manifest.json'), 'utf8'));
    expect([...manifest.permissions].sort()).toEqual([...REVIEWED_PERMISSIONS]);
    expect([...manifest.optional_host_permissions].sort()).toEqual([...REVIEWED_OPTIONAL_HOSTS]);
    expect(manifest.host_permissions).toEqual([...REVIEWED_HOSTS]);
    expect(manifest.web_accessible_resources).toBeUndefined();
    // Chrome's enterprise-policy schema ships beside the manifest that names it; Firefox has none.
    if (browser === 'chrome')
      expect(JSON.parse(readFileSync(join(builds.chrome, MANAGED_SCHEMA_PATH), 'utf8')).properties).toHaveProperty('backendUrl');
    else expect(manifest.storage).toBeUndefined();
    expect(manifest.content_security_policy.extension_pages).toMatch(/^script-src 'self'; object-src 'none'/);
  });

  it('EX-01: no remote code and no eval in the bundle', () => {
    for (const file of files(builds[browser])) {
      if (file.endsWith('.html')) {
        const html = readFileSync(file, 'utf8');
        expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
        expect(html, file).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
      }
      if (!file.endsWith('.js')) continue;
      const js = readFileSync(file, 'utf8');
      expect(js, file).not.toMatch(/\beval\(/);
      expect(js, file).not.toMatch(/import\(\s*["'`]https?:/);
      expect(js, file).not.toMatch(/importScripts\(/);
    }
  });
});

describe('firefox build', () => {
  it('passes web-ext lint with 0 errors', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', builds.firefox, '--output', 'json', '--no-input'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const report = JSON.parse(result.stdout) as { summary: { errors: number }; errors: { code: string }[] };
    expect(report.errors.map((e) => e.code)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('declares a fixed add-on id, Firefox 142+ and the data it sends', () => {
    const manifest = JSON.parse(readFileSync(join(builds.firefox, 'manifest.json'), 'utf8'));
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.background.service_worker).toBeUndefined();
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['personallyIdentifyingInfo', 'authenticationInfo'] },
    });
  });
});

describe('chrome build in headless Chromium', () => {
  let ext: LoadedExtension;
  let backend: Server;
  let backendUrl = '';
  beforeAll(async () => {
    // A real local server that answers GET /v1/config with the contract's fixture, without CORS
    // headers: the granted host permission is what lets the extension page read it.
    backend = createServer((req, res) => {
      const ok = req.url === '/v1/config';
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? getConfig.default : {}));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    grantTestOrigin(builds.chrome);
    ext = await loadExtension(builds.chrome);
  });
  afterAll(async () => {
    await ext?.close();
    await new Promise((resolve) => backend?.close(resolve));
  });

  it('loads with a module service worker', () => {
    expect(ext.worker.url()).toBe(ext.url('service-worker-loader.js'));
  });

  it('accepts its managed-storage schema: no policy reads as {}', async () => {
    const policy = await ext.worker.evaluate(() => (globalThis as unknown as { chrome: any }).chrome.storage.managed.get(null));
    expect(policy).toEqual({});
  });

  it('options page refuses an insecure address and saves a local one (language too)', async () => {
    const page = await ext.open('src/options/index.html');
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Opciones del asistente de clave IESS');
    await page.fill('#backend-url', 'http://clave.iess.gob.ec');
    await page.click('#save');
    await expect.poll(() => page.locator('#backend-url-error').textContent()).toContain('Use https://');
    expect(await page.getAttribute('#backend-url', 'aria-invalid')).toBe('true');

    await page.fill('#backend-url', `${backendUrl}/`);
    await page.selectOption('#lang', 'en');
    await page.click('#save');
    await expect.poll(() => page.locator('#status').textContent()).toBe('Options saved. The server answered correctly.');
    expect(await page.locator('#backend-url-error').isHidden()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('IESS password assistant options');
    const stored = JSON.parse(await dumpStorage(ext.worker));
    expect(stored.local).toEqual({ settings: { backendUrl, lang: 'en' } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the badge counts the link down and the warning alarm is set; flow-ended clears them', async () => {
    const page = await ext.open('src/options/index.html');
    const send = (message: unknown) =>
      page.evaluate((m) => (globalThis as unknown as { chrome: any }).chrome.runtime.sendMessage(m), message);
    const now = new Date();
    const reply = await send({
      type: 'activation-window',
      serverNow: now.toISOString(),
      expiresAt: new Date(now.getTime() + 180_000).toISOString(),
    });
    expect(reply).toEqual({ ok: true });
    const state = () =>
      ext.worker.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: any }).chrome;
        const alarms = (await c.alarms.getAll()) as { name: string }[];
        return { badge: await c.action.getBadgeText({}), alarms: alarms.map((a) => a.name).sort() };
      });
    expect(await state()).toEqual({ badge: '3m', alarms: ['iess-badge-tick', 'iess-expiry-warning'] });
    expect(await send({ type: 'flow-ended' })).toEqual({ ok: true });
    expect(await state()).toEqual({ badge: '', alarms: [] });
    expect(await send({ type: 'activation-window', expiresAt: 'x', serverNow: 'y' })).toEqual({ ok: false });
    await page.close();
  });
});
