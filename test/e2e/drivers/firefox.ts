/**
 * Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, no geckodriver. A
 * context is a BiDi user context (its own cookies and storage); clicks and keys are BiDi input
 * actions, i.e. real events in the content process.
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { findFirefox, HOW_TO_GET } from '../../../scripts/find-browsers.mjs';
import type { ContextOptions, E2EBrowser, E2EContext } from './driver.ts';
import { finderScript, type FinderRequest, type Step } from './finder.ts';
import { InjectedPage, type PageDriver } from './injected-locator.ts';

export async function launchFirefox(options: { extraPrefs?: Record<string, unknown> } = {}): Promise<E2EBrowser & { puppeteer: Browser }> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(HOW_TO_GET.firefox);
  const browser = await puppeteer.launch({
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
      ...options.extraPrefs,
    },
  });
  return {
    engine: 'firefox',
    puppeteer: browser,
    async newContext(contextOptions: ContextOptions = {}): Promise<E2EContext> {
      const context = await browser.createBrowserContext();
      return {
        async newPage() {
          const page = await context.newPage();
          await page.setViewport({ width: contextOptions.width ?? 1280, height: contextOptions.height ?? 900 });
          if (contextOptions.timezoneId) await page.emulateTimezone(contextOptions.timezoneId);
          return firefoxPage(page);
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
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
