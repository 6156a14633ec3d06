/**
 * One scenario, three engines: the end-to-end scenarios speak to a page through this small
 * interface, a subset of Playwright's Page and Locator. Chromium is Playwright itself
 * (./chromium.ts); Firefox (puppeteer-core over WebDriver BiDi, ./firefox.ts) and WebKit
 * (webdriverio against WebKitWebDriver, ./webkit.ts) implement it with ./finder.ts in the page
 * and their own real input (pointer clicks and key presses).
 */
import type { Engine } from '../../../scripts/find-browsers.mjs';

export type { Engine };

export type Role =
  | 'button'
  | 'heading'
  | 'link'
  | 'radio'
  | 'checkbox'
  | 'textbox'
  | 'group'
  | 'timer'
  | 'combobox'
  | 'dialog'
  | 'alert'
  | 'status'
  | 'list'
  | 'listitem';
export type TextMatch = string | RegExp;

export interface E2ELocator {
  getByRole(role: Role, options?: { name?: TextMatch; exact?: boolean }): E2ELocator;
  getByLabel(text: TextMatch, options?: { exact?: boolean }): E2ELocator;
  getByText(text: TextMatch, options?: { exact?: boolean }): E2ELocator;
  locator(selector: string): E2ELocator;
  first(): E2ELocator;
  nth(index: number): E2ELocator;
  count(): Promise<number>;
  /** Waits until the one element the locator names is visible (or for the given state). */
  waitFor(options?: { timeout?: number; state?: 'visible' | 'attached' | 'hidden' | 'detached' }): Promise<void>;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  check(): Promise<void>;
  selectOption(option: string | { label: string }): Promise<unknown>;
  textContent(): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  inputValue(): Promise<string>;
  getAttribute(name: string): Promise<string | null>;
}

export interface E2EPage {
  goto(url: string): Promise<unknown>;
  /** The address as the page has it now (Playwright's is synchronous; await it either way). */
  url(): string | Promise<string>;
  getByRole(role: Role, options?: { name?: TextMatch; exact?: boolean }): E2ELocator;
  getByLabel(text: TextMatch, options?: { exact?: boolean }): E2ELocator;
  getByText(text: TextMatch, options?: { exact?: boolean }): E2ELocator;
  locator(selector: string): E2ELocator;
  /** Runs a self-contained function in the page with one JSON argument (e.g. the engine's own Intl). */
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  /** A PNG of the page as it is painted now, written to `path` (scripts/screenshots.mjs). */
  screenshot(options: ScreenshotOptions): Promise<unknown>;
  close(): Promise<void>;
}

/** Playwright's screenshot options that every engine honours. */
export interface ScreenshotOptions {
  path: string;
  /** The whole page, not only the viewport. */
  fullPage?: boolean;
  /** Finite CSS animations and transitions jump to their end, infinite ones stop. */
  animations?: 'disabled' | 'allow';
  /** No text caret in the shot. */
  caret?: 'hide' | 'initial';
}

/** A browser profile of its own (cookies, storage), like a Playwright BrowserContext. */
export interface E2EContext {
  newPage(): Promise<E2EPage>;
  close(): Promise<void>;
}

export interface ContextOptions {
  /** Viewport width in CSS px. */
  width?: number;
  /** Viewport height in CSS px (900 unless told). */
  height?: number;
  /** The page's locale where the engine can set it per context (Chromium; es-EC unless told). */
  locale?: string;
  /** IANA time zone the pages run in (e.g. America/Guayaquil). */
  timezoneId?: string;
}

export interface E2EBrowser {
  engine: Engine;
  newContext(options?: ContextOptions): Promise<E2EContext>;
  close(): Promise<void>;
}

/** Default wait for a state or an actionable element: generous, for a loaded 2-core machine. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A browser of the engine. `firefoxShared`: the WebDriver BiDi address of a Firefox already
 * running (../firefox-shared.ts), which the browser connects to instead of starting one, unless
 * preferences of its own are asked for (`firefoxPrefs`). `webkitCompositing`: WebKit as Safari
 * composites, which its screenshots need (./webkit.ts).
 */
export async function launchEngine(
  engine: Engine,
  options: { firefoxPrefs?: Record<string, unknown>; firefoxShared?: string; webkitCompositing?: boolean } = {},
): Promise<E2EBrowser> {
  if (engine === 'chromium') return (await import('./chromium.ts')).launchChromium();
  if (engine === 'firefox')
    return (await import('./firefox.ts')).launchFirefox({ extraPrefs: options.firefoxPrefs, shared: options.firefoxShared });
  return (await import('./webkit.ts')).launchWebKit({ compositing: options.webkitCompositing });
}

/** The engines this run tests end to end: TEST_ENGINES (comma-separated), else all three. */
export function testedEngines(): Engine[] {
  const all: Engine[] = ['chromium', 'firefox', 'webkit'];
  const asked = (process.env.TEST_ENGINES ?? '').split(',').filter((e): e is Engine => (all as string[]).includes(e));
  return asked.length ? asked : all;
}
