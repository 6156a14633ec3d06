/**
 * Shared by the extension end-to-end tests: build the extension into a temporary folder, grant a
 * test origin, load it in headless Chromium or in Firefox (a temporary add-on installed over
 * WebDriver BiDi) and reach its pages, its storage and its badge.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../../scripts/find-chromium.mjs';
import type { E2EPage } from './drivers/driver.ts';
import { firefoxPage, launchFirefox } from './drivers/firefox.ts';

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
 * can: in the copy under test only, the origin becomes a granted host permission, beside the
 * institution's backend the build grants. The shipped build keeps asking at run time for any other
 * origin; the options page's request then resolves at once.
 */
export function grantTestOrigin(extensionDir: string, pattern = 'http://127.0.0.1/*'): void {
  const path = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  manifest.host_permissions = [...((manifest.host_permissions as string[] | undefined) ?? []), pattern];
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
  return worker.evaluate(readAllStorage, 'chrome' as const);
}

/** The gecko id of the Firefox flavour (src/manifest-flavours.ts). */
export const FIREFOX_EXTENSION_ID = 'recuperar-clave@iess-clave.ec';

/**
 * The extension loaded in one engine, as the shared extension scenario needs it: its pages as
 * E2EPages, a plain tab of the same profile, every storage area, the badge.
 */
export interface ExtensionUnderTest {
  engine: 'chromium' | 'firefox';
  /** Opens an extension page (e.g. src/popup/index.html) in a new tab, as the Chromium test always has. */
  open(path: string): Promise<E2EPage>;
  /** A web tab of the same browser profile (the e-mailed link opens there). */
  newTab(): Promise<E2EPage>;
  /** Every storage area of the extension, as one JSON string. */
  storage(): Promise<string>;
  badge(): Promise<string>;
  /** The ids of the extension's notifications still up. */
  notifications(): Promise<string[]>;
  /** The address of the tab that `action` opens (it must open one within 30 s). */
  tabOpenedBy(action: () => Promise<unknown>): Promise<string>;
  /** Screenshots for docs/extension.md when SCREENSHOTS_DIR is set (Chromium only). */
  shot(page: E2EPage, name: string): Promise<void>;
  close(): Promise<void>;
}

/** What the storage dump reads, run inside an extension page or worker (`api` is chrome or browser). */
async function readAllStorage(api: 'chrome' | 'browser'): Promise<string> {
  const ext = (globalThis as unknown as Record<string, any>)[api];
  const [local, session, sync] = await Promise.all([
    ext.storage.local.get(null),
    ext.storage.session.get(null),
    ext.storage.sync.get(null),
  ]);
  const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  return JSON.stringify({ local, session, sync, indexedDB: databases });
}

/** The ids of the notifications the extension has up, read inside an extension page or worker. */
async function readNotifications(api: 'chrome' | 'browser'): Promise<string[]> {
  const ext = (globalThis as unknown as Record<string, any>)[api];
  return Object.keys((await ext.notifications.getAll()) as Record<string, unknown>).sort();
}

export async function loadExtensionIn(engine: 'chromium' | 'firefox', extensionDir: string): Promise<ExtensionUnderTest> {
  if (engine === 'chromium') {
    const ext = await loadExtension(extensionDir);
    return {
      engine,
      async open(path) {
        const page = await ext.open(path);
        page.on('pageerror', (error) => console.error(`${path} error:`, error.message));
        return page;
      },
      newTab: () => ext.context.newPage(),
      async tabOpenedBy(action) {
        // The portal is not reachable from the test machine: the new tab's address is its first
        // request's, listened for before the action so that none is missed.
        const pages = new Set(ext.context.pages());
        const [request] = await Promise.all([
          ext.context.waitForEvent('request', {
            predicate: (r) => !r.serviceWorker() && !pages.has(r.frame().page()),
            timeout: 30_000,
          }),
          action(),
        ]);
        return request.url();
      },
      storage: () => dumpStorage(ext.worker),
      badge: () => ext.worker.evaluate(() => (globalThis as unknown as { chrome: any }).chrome.action.getBadgeText({})),
      notifications: () => ext.worker.evaluate(readNotifications, 'chrome' as const),
      async shot(page, name) {
        const dir = process.env.SCREENSHOTS_DIR;
        if (!dir) return;
        const pw = page as Page;
        await pw.setViewportSize({ width: name.startsWith('extension-options') ? 900 : 380, height: 600 });
        await pw.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
      },
      close: () => ext.close(),
    };
  }
  return loadFirefoxExtension(extensionDir);
}

/**
 * Firefox: the build is installed as a temporary add-on over WebDriver BiDi (webExtension.install,
 * through puppeteer). Its internal UUID is chosen by a preference so its pages have a known
 * address. WebDriver BiDi may not navigate a tab to a moz-extension: page, but a web page may when
 * the page is web-accessible: so, in the copy under test only, the popup and options pages are
 * made web-accessible to 127.0.0.1 and a tab goes there from a blank local page. A hidden options
 * tab stays open to read storage and the badge with the extension's own `browser.*` APIs.
 */
async function loadFirefoxExtension(extensionDir: string): Promise<ExtensionUnderTest> {
  const path = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  manifest.web_accessible_resources = [{ resources: ['src/popup/index.html', 'src/options/index.html'], matches: ['http://127.0.0.1/*'] }];
  writeFileSync(path, JSON.stringify(manifest, null, 2));

  const uuid = randomUUID();
  const launchpad = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>launchpad</title>');
  });
  await new Promise<void>((resolve) => launchpad.listen(0, '127.0.0.1', resolve));
  const launchpadUrl = `http://127.0.0.1:${(launchpad.address() as AddressInfo).port}/`;
  const firefox = await launchFirefox({
    extraPrefs: { 'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: uuid }) },
  });
  const browser = firefox.puppeteer;
  const installed = await browser.installExtension(extensionDir);
  if (installed !== FIREFOX_EXTENSION_ID) throw new Error(`Firefox installed ${installed}, not ${FIREFOX_EXTENSION_ID}`);
  const base = `moz-extension://${uuid}/`;

  const openRaw = async (pagePath: string): Promise<PuppeteerPage> => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`${pagePath} error:`, (error as Error).message));
    await page.goto(launchpadUrl);
    await page.evaluate((url) => void (location.href = url), base + pagePath);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const at = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
      if (at === `${base}${pagePath} complete`) return page;
      if (Date.now() > deadline) throw new Error(`Firefox did not open ${base}${pagePath} (at ${at})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const probe = await openRaw('src/options/index.html');
  return {
    engine: 'firefox',
    open: async (pagePath) => firefoxPage(await openRaw(pagePath)),
    newTab: async () => firefoxPage(await browser.newPage()),
    async tabOpenedBy(action) {
      const before = new Set(await browser.pages());
      await action();
      const deadline = Date.now() + 30_000;
      for (;;) {
        const opened = (await browser.pages()).filter((page) => !before.has(page) && page.url() !== 'about:blank');
        const url = opened[0]?.url();
        // The portal is not reachable from the test machine: Firefox's error page carries the address asked for.
        if (url) return url.startsWith('about:neterror') ? (new URL(url).searchParams.get('u') ?? url) : url;
        if (Date.now() > deadline) throw new Error('no tab was opened');
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    storage: () => probe.evaluate(readAllStorage, 'browser' as const),
    badge: () => probe.evaluate(() => (globalThis as unknown as { browser: any }).browser.action.getBadgeText({})),
    notifications: () => probe.evaluate(readNotifications, 'browser' as const),
    async shot() {},
    async close() {
      await browser.close();
      await new Promise((resolve) => launchpad.close(resolve));
    },
  };
}
