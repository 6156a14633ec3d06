// web-test-runner launchers for the three engines, all from the machine's packages:
//   Chromium through Playwright, Firefox through puppeteer-core over WebDriver BiDi, WebKit (WebKitGTK's
//   MiniBrowser) through webdriverio against a WebKitWebDriver started on its own virtual display.
// Plus the two test commands whose built-in versions have no WebDriver implementation: the
// viewport (a WebDriver window size) and media emulation (where the engine's driver offers it).
import { chromeLauncher } from '@web/test-runner-chrome';
import { emulateMediaPlugin, sendKeysPlugin, setViewportPlugin } from '@web/test-runner-commands/plugins';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteerCore from 'puppeteer-core';
import { findChromium } from './find-chromium.mjs';
import { findFirefox, HOW_TO_GET } from './find-browsers.mjs';
import { startWebKitDriver } from './webkit-driver.mjs';

/** WebKit: WebKitWebDriver (and its display) start with the run and stop with it. */
class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({ capabilities: { browserName: 'MiniBrowser' } });
    this.webkitDriver = undefined;
  }

  async initialize(config, testFiles) {
    this.webkitDriver = await startWebKitDriver();
    const { hostname, port, capabilities } = this.webkitDriver;
    Object.assign(this.options, { hostname, port, capabilities, logLevel: 'error', connectionRetryTimeout: 120_000 });
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async ensureManagerInitialized() {
    const first = !this.driverManager;
    await super.ensureManagerInitialized();
    // The same starting viewport as the other launchers give each page (800 × 600).
    if (first) await setWindowViewport(this.driver, 800, 600);
  }

  async stop() {
    await super.stop();
    await this.webkitDriver?.stop();
  }
}

/**
 * A WebDriver window size that gives the page exactly this viewport: the window minus what the
 * browser's own chrome takes, measured, then checked.
 */
async function setWindowViewport(driver, width, height) {
  const measure = () => driver.execute(() => [window.innerWidth, window.innerHeight, window.outerWidth, window.outerHeight]);
  const [iw, ih, ow, oh] = await measure();
  await driver.setWindowSize(width + (ow - iw), height + (oh - ih));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [w, h] = await measure();
    if (w === width && h === height) return;
    if (Date.now() > deadline) throw new Error(`the WebKit window gave a ${w} × ${h} viewport, not ${width} × ${height}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const builtInViewport = setViewportPlugin();
const builtInMedia = emulateMediaPlugin();
const builtInKeys = sendKeysPlugin();

/** WebDriver's code points for the keys the tests press (W3C WebDriver, "keyboard actions"). */
const WEBDRIVER_KEYS = {
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Space: '\uE00D',
  Backspace: '\uE003',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  Home: '\uE011',
  End: '\uE010',
};

/**
 * Presses a key or a chord ("Shift+Tab") or types text, as real key events in every engine. The
 * built-in command passes "Shift+Tab" and "Space" through as Playwright names, which puppeteer's
 * BiDi keyboard and WebDriver do not know.
 */
async function sendKeys(session, payload) {
  if (session.browser.type === 'playwright') return builtInKeys.executeCommand({ command: 'send-keys', payload, session });
  if (session.browser.type === 'puppeteer') {
    const { keyboard } = session.browser.getPage(session.id);
    if (payload.type !== undefined) {
      await keyboard.type(payload.type);
      return true;
    }
    const keys = payload.press.split('+').map((k) => (k === 'Space' ? ' ' : k));
    const key = keys.pop();
    for (const modifier of keys) await keyboard.down(modifier);
    await keyboard.press(key);
    for (const modifier of keys.reverse()) await keyboard.up(modifier);
    return true;
  }
  if (session.browser.type === 'webdriver') {
    const value = (name) => WEBDRIVER_KEYS[name] ?? name;
    const keys = payload.type !== undefined ? [...payload.type] : payload.press.split('+').map(value);
    const chord = payload.type === undefined;
    const actions = chord
      ? [...keys.map((k) => ({ type: 'keyDown', value: k })), ...keys.reverse().map((k) => ({ type: 'keyUp', value: k }))]
      : keys.flatMap((k) => [
          { type: 'keyDown', value: k },
          { type: 'keyUp', value: k },
        ]);
    await session.browser.driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
    await session.browser.driver.releaseActions();
    return true;
  }
  throw new Error(`no keyboard for browser type ${session.browser.type}`);
}

/**
 * `iess-set-viewport`, `iess-send-keys` and `iess-emulate-media` (test/elements/browser-commands.ts):
 * the built-in commands for Playwright and puppeteer, a window size and key actions for WebDriver. Media emulation answers
 * false where the engine's driver cannot emulate media features: Firefox's WebDriver BiDi and
 * WebKitWebDriver have no such command (puppeteer emulates them through CDP, Chromium only).
 */
export function engineCommandsPlugin() {
  return {
    name: 'iess-engine-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'iess-set-viewport') {
        if (session.browser.type === 'webdriver') {
          await setWindowViewport(session.browser.driver, payload.width, payload.height);
          return true;
        }
        return builtInViewport.executeCommand({ command: 'set-viewport', payload, session });
      }
      if (command === 'iess-send-keys') return sendKeys(session, payload);
      if (command === 'iess-emulate-media') {
        if (
          session.browser.type === 'playwright' ||
          (session.browser.type === 'puppeteer' && session.browser.getPage(session.id).browser().cdpSupported)
        ) {
          return builtInMedia.executeCommand({ command: 'emulate-media', payload, session });
        }
        return false;
      }
      return undefined;
    },
  };
}

/** The launcher of one engine; throws with the install advice when the engine is missing. */
export function launcherFor(engine) {
  if (engine === 'chromium') {
    const executablePath = findChromium();
    if (!executablePath) throw new Error(HOW_TO_GET.chromium);
    return playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, headless: true } });
  }
  if (engine === 'firefox') {
    const executablePath = findFirefox();
    if (!executablePath) throw new Error(HOW_TO_GET.firefox);
    // puppeteer-core drives Firefox over WebDriver BiDi (no geckodriver); it names the launcher "Firefox".
    return chromeLauncher({ puppeteer: puppeteerCore, launchOptions: { browser: 'firefox', executablePath, headless: true } });
  }
  if (engine === 'webkit') return new WebKitLauncher();
  throw new Error(`unknown engine ${engine} (chromium, firefox, webkit)`);
}
