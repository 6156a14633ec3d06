/**
 * Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, no geckodriver. A
 * context is a BiDi user context (its own cookies and storage); clicks and keys are BiDi input
 * actions, i.e. real events in the content process.
 */
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type LaunchOptions, type Page } from 'puppeteer-core';
import { findFirefox, HOW_TO_GET } from '../../../scripts/find-browsers.mjs';
import type { ContextOptions, E2EBrowser, E2EContext } from './driver.ts';
import { finderScript, type FinderRequest, type Step } from './finder.ts';
import { InjectedPage, type PageDriver } from './injected-locator.ts';

function launchOptions(extraPrefs: Record<string, unknown> = {}): LaunchOptions {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(HOW_TO_GET.firefox);
  return {
    browser: 'firefox',
    executablePath,
    headless: true,
    protocolTimeout: 120_000,
    extraPrefsFirefox: {
      'intl.accept_languages': 'es-EC, es',
      // No first-run pages, update checks or telemetry on a machine without internet.
      'app.update.disabledForTesting': true,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...extraPrefs,
    },
  };
}

/**
 * A Firefox for a whole run (./firefox-shared.ts): started, then left without a session so that
 * each file connects its own. stop() ends the process (puppeteer removes its profile then).
 */
export async function launchFirefoxProcess(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const browser = await puppeteer.launch(launchOptions());
  const endpoint = browser.wsEndpoint();
  const child = browser.process();
  await browser.disconnect();
  return {
    endpoint,
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

/**
 * A Firefox for one file's scenarios: the running one at `shared` (a WebDriver BiDi address,
 * ../firefox-shared.ts) when given and no preference of its own is asked for, else a Firefox of
 * its own with these preferences. close() closes the contexts it opened and leaves a shared one
 * running.
 */
export async function launchFirefox(
  options: { extraPrefs?: Record<string, unknown>; shared?: string } = {},
): Promise<E2EBrowser & { puppeteer: Browser }> {
  const shared = options.extraPrefs ? undefined : options.shared;
  const browser = shared
    ? await puppeteer.connect({ browserWSEndpoint: shared, protocol: 'webDriverBiDi', protocolTimeout: 120_000 })
    : await puppeteer.launch(launchOptions(options.extraPrefs));
  const opened = new Set<BrowserContext>();
  return {
    engine: 'firefox',
    puppeteer: browser,
    async newContext(contextOptions: ContextOptions = {}): Promise<E2EContext> {
      const context = await browser.createBrowserContext();
      opened.add(context);
      return {
        async newPage() {
          const page = await context.newPage();
          await page.setViewport({ width: contextOptions.width ?? 1280, height: contextOptions.height ?? 900 });
          if (contextOptions.timezoneId) await page.emulateTimezone(contextOptions.timezoneId);
          return firefoxPage(page);
        },
        close: async () => {
          opened.delete(context);
          await context.close();
        },
      };
    },
    async close() {
      if (!shared) return browser.close();
      // Contexts a failed test left open, then this file's session ends.
      await Promise.all([...opened].map((c) => c.close().catch(() => undefined)));
      await browser.disconnect();
    },
  };
}

/** An E2EPage over one puppeteer page (also used for the extension's pages). */
export function firefoxPage(page: Page): InjectedPage {
  const element = async (chain: Step[]): Promise<ElementHandle<Element>> => {
    const handle = await page.evaluateHandle(finderScript({ op: 'element', chain }));
    const el = handle.asElement() as ElementHandle<Element> | null;
    if (!el) {
      await handle.dispose();
      throw new Error('the element is gone');
    }
    return el;
  };
  const driver: PageDriver = {
    run: (expression) => page.evaluate(expression),
    query: <T>(request: FinderRequest) => page.evaluate(finderScript(request)) as Promise<T>,
    async click(chain) {
      const el = await element(chain);
      try {
        await el.click();
      } finally {
        await el.dispose();
      }
    },
    async type(chain, text) {
      const el = await element(chain);
      try {
        await el.focus();
        await page.keyboard.type(text);
      } finally {
        await el.dispose();
      }
    },
    async goto(url) {
      await page.goto(url);
    },
    url: () => page.evaluate(() => location.href),
    screenshot: (fullPage) => page.screenshot({ fullPage }),
    close: () => page.close(),
  };
  return new InjectedPage(driver);
}
