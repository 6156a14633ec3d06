/**
 * Chromium (Debian's) through Playwright, as every other end-to-end test drives it: Playwright's
 * own Page and Locator are the E2EPage and E2ELocator.
 */
import { chromium } from 'playwright-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../../../scripts/find-chromium.mjs';
import type { ContextOptions, E2EBrowser, E2EContext } from './driver.ts';

export async function launchChromium(): Promise<E2EBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const browser = await chromium.launch({ executablePath, headless: true });
  return {
    engine: 'chromium',
    async newContext(options: ContextOptions = {}): Promise<E2EContext> {
      return browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
        locale: options.locale ?? 'es-EC',
        timezoneId: options.timezoneId,
      });
    },
    close: () => browser.close(),
  };
}
