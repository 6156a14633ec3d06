/**
 * Shared by the extension end-to-end tests: build the extension into a temporary folder, grant a
 * test origin, load it in headless Chromium and reach its pages and worker.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../../scripts/find-chromium.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs scripts/build-extension.mjs for one browser into a fresh temporary folder. */
export function buildExtension(browser: 'chrome' | 'firefox'): string {
  const outDir = mkdtempSync(join(tmpdir(), `iess-ext-${browser}-`));
  const result = spawnSync(process.execPath, ['scripts/build-extension.mjs', '--browser', browser], {
    cwd: ROOT,
    env: { ...process.env, EXTENSION_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`extension build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

/**
 * A permission prompt cannot be clicked headlessly, so the test grants its origin the way a test
 * can: in the copy under test only, the origin becomes a granted host permission. The shipped
 * build keeps asking at run time; the options page's request then resolves at once.
 */
export function grantTestOrigin(extensionDir: string, pattern = 'http://127.0.0.1/*'): void {
  const path = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  manifest.host_permissions = [pattern];
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

export interface LoadedExtension {
  context: BrowserContext;
  worker: Worker;
  id: string;
  url(path: string): string;
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function loadExtension(extensionDir: string): Promise<LoadedExtension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const profile = mkdtempSync(join(tmpdir(), 'iess-ext-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    // Both flags: Playwright adds --disable-extensions by default.
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const url = (path: string) => `chrome-extension://${id}/${path}`;
  return {
    context,
    worker,
    id,
    url,
    async open(path) {
      const page = await context.newPage();
      await page.goto(url(path));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every storage area of the extension, read from its worker, as one JSON string. */
export async function dumpStorage(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: any }).chrome;
    const [local, session, sync] = await Promise.all([
      c.storage.local.get(null),
      c.storage.session.get(null),
      c.storage.sync.get(null),
    ]);
    const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
    return JSON.stringify({ local, session, sync, indexedDB: databases });
  });
}
