/**
 * E2ELocator for the drivers that are not Playwright: the chain of steps is resolved in the page
 * by ./finder.ts on every attempt (nothing is cached across renders), and an action waits, as
 * Playwright's do, until exactly one element matches and is visible and enabled, then acts through
 * the driver's real input. A driver error during an action (the element re-rendered, covered,
 * not yet painted) is retried until the deadline; the last error is reported.
 */
import { writeFile } from 'node:fs/promises';
import { DEFAULT_TIMEOUT_MS, type E2ELocator, type E2EPage, type Role, type ScreenshotOptions, type TextMatch } from './driver.ts';
import type { ElementState, FinderRequest, Step, TextMatch as WireTextMatch } from './finder.ts';

/** What a driver must do in the page; everything else is shared. */
export interface PageDriver {
  /** Evaluates a script expression in the page; its value comes back as JSON. */
  run(expression: string): Promise<unknown>;
  query<T>(request: FinderRequest): Promise<T>;
  /** A real pointer click on the one element of the chain. */
  click(chain: Step[]): Promise<void>;
  /** Focuses the one element of the chain and types the text as real key presses. */
  type(chain: Step[], text: string): Promise<void>;
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** A PNG of the viewport, or of the whole page. */
  screenshot(fullPage: boolean): Promise<Uint8Array>;
  close(): Promise<void>;
}

const wire = (m: TextMatch): WireTextMatch => (typeof m === 'string' ? m : { source: m.source, flags: m.flags });

const describe = (chain: Step[]): string =>
  chain
    .map((s) => {
      if (s.kind === 'css') return `locator(${s.selector})`;
      if (s.kind === 'role')
        return `getByRole(${s.role}${s.name !== undefined ? `, ${JSON.stringify(s.name)}` : ''}${s.exact ? ', exact' : ''})`;
      if (s.kind === 'label' || s.kind === 'text')
        return `getBy${s.kind === 'label' ? 'Label' : 'Text'}(${JSON.stringify(s.text)}${s.exact ? ', exact' : ''})`;
      return `nth(${s.index})`;
    })
    .join('.');

async function until<T>(what: string, timeout: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      if (error instanceof StrictModeViolation) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

class StrictModeViolation extends Error {}

export class InjectedLocator implements E2ELocator {
  constructor(
    private readonly driver: PageDriver,
    private readonly chain: Step[],
  ) {}

  private with(step: Step): InjectedLocator {
    return new InjectedLocator(this.driver, [...this.chain, step]);
  }

  getByRole(role: Role, options: { name?: TextMatch; exact?: boolean } = {}): E2ELocator {
    return this.with({ kind: 'role', role, name: options.name === undefined ? undefined : wire(options.name), exact: options.exact });
  }
  getByLabel(text: TextMatch, options: { exact?: boolean } = {}): E2ELocator {
    return this.with({ kind: 'label', text: wire(text), exact: options.exact });
  }
  getByText(text: TextMatch, options: { exact?: boolean } = {}): E2ELocator {
    return this.with({ kind: 'text', text: wire(text), exact: options.exact });
  }
  locator(selector: string): E2ELocator {
    return this.with({ kind: 'css', selector });
  }
  first(): E2ELocator {
    return this.with({ kind: 'nth', index: 0 });
  }
  nth(index: number): E2ELocator {
    return this.with({ kind: 'nth', index });
  }
  count(): Promise<number> {
    return this.driver.query<number>({ op: 'count', chain: this.chain });
  }

  private state(attribute?: string): Promise<ElementState> {
    return this.driver.query<ElementState>({ op: 'state', chain: this.chain, attribute });
  }

  private strict(state: ElementState): void {
    if (state.count > 1) throw new StrictModeViolation(`strict mode violation: ${describe(this.chain)} matches ${state.count} elements`);
  }

  async waitFor({
    timeout = DEFAULT_TIMEOUT_MS,
    state: wanted = 'visible',
  }: { timeout?: number; state?: 'visible' | 'attached' | 'hidden' | 'detached' } = {}): Promise<void> {
    await until(`${describe(this.chain)} to be ${wanted}`, timeout, async () => {
      const s = await this.state();
      this.strict(s);
      const ok =
        wanted === 'visible'
          ? s.count === 1 && s.visible
          : wanted === 'attached'
            ? s.count === 1
            : wanted === 'hidden'
              ? s.count === 0 || !s.visible
              : s.count === 0;
      return ok ? true : undefined;
    });
  }

  /** The element's state when exactly one element matches and it is visible and enabled (and editable when asked). */
  private async actionableNow(editable = false): Promise<ElementState | undefined> {
    const s = await this.state();
    this.strict(s);
    return s.count === 1 && s.visible && s.enabled && (!editable || s.editable) ? s : undefined;
  }

  private actionable(timeout: number, editable = false): Promise<ElementState> {
    return until(`${describe(this.chain)} to be visible and enabled${editable ? ' and editable' : ''}`, timeout, () =>
      this.actionableNow(editable),
    );
  }

  async click({ timeout = DEFAULT_TIMEOUT_MS }: { timeout?: number } = {}): Promise<void> {
    await until(`${describe(this.chain)} to be visible, enabled and clicked`, timeout, async () => {
      if (!(await this.actionableNow())) return undefined;
      await this.driver.click(this.chain);
      return true;
    });
  }

  async fill(value: string, { timeout = DEFAULT_TIMEOUT_MS }: { timeout?: number } = {}): Promise<void> {
    await until(`${describe(this.chain)} to be visible, editable and typed into`, timeout, async () => {
      if (!(await this.actionableNow(true))) return undefined;
      const cleared = await this.driver.query<string>({ op: 'clear', chain: this.chain });
      if (cleared !== 'ok') throw new Error(cleared);
      await this.driver.type(this.chain, value);
      return true;
    });
  }

  async check({ timeout = DEFAULT_TIMEOUT_MS }: { timeout?: number } = {}): Promise<void> {
    const s = await this.actionable(timeout);
    if (s.checked) return;
    await this.click({ timeout });
    try {
      await until(`${describe(this.chain)} to be checked`, timeout, async () => ((await this.state()).checked ? true : undefined));
    } catch (error) {
      // Say where the click went: a layout change between aiming and clicking, another window in front…
      const where = await this.driver.query<string>({ op: 'hit', chain: this.chain }).catch((e: unknown) => String(e));
      throw new Error(`${(error as Error).message}; the click did not tick it: ${where}`);
    }
  }

  async selectOption(option: string | { label: string }, { timeout = DEFAULT_TIMEOUT_MS }: { timeout?: number } = {}): Promise<unknown> {
    await this.actionable(timeout);
    const result = await this.driver.query<string>({
      op: 'select',
      chain: this.chain,
      option: typeof option === 'string' ? { value: option } : option,
    });
    if (result !== 'ok') throw new Error(`selectOption on ${describe(this.chain)}: ${result}`);
    return [];
  }

  async textContent({ timeout = DEFAULT_TIMEOUT_MS }: { timeout?: number } = {}): Promise<string | null> {
    return until(`${describe(this.chain)} to exist`, timeout, async () => {
      const s = await this.state();
      this.strict(s);
      return s.count === 1 ? { text: s.textContent } : undefined;
    }).then((r) => r.text);
  }

  allTextContents(): Promise<string[]> {
    return this.driver.query<string[]>({ op: 'texts', chain: this.chain });
  }

  async inputValue({ timeout = DEFAULT_TIMEOUT_MS }: { timeout?: number } = {}): Promise<string> {
    return until(`${describe(this.chain)} to be a form control`, timeout, async () => {
      const s = await this.state();
      this.strict(s);
      return s.count === 1 && s.value !== null ? { value: s.value } : undefined;
    }).then((r) => r.value);
  }

  async getAttribute(name: string, { timeout = DEFAULT_TIMEOUT_MS }: { timeout?: number } = {}): Promise<string | null> {
    return until(`${describe(this.chain)} to exist`, timeout, async () => {
      const s = await this.state(name);
      this.strict(s);
      return s.count === 1 ? { value: s.attribute } : undefined;
    }).then((r) => r.value);
  }
}

/** An E2EPage over a PageDriver. */
export class InjectedPage implements E2EPage {
  constructor(private readonly driver: PageDriver) {}
  private root(): InjectedLocator {
    return new InjectedLocator(this.driver, []);
  }
  goto(url: string): Promise<void> {
    return this.driver.goto(url);
  }
  url(): Promise<string> {
    return this.driver.url();
  }
  getByRole(role: Role, options?: { name?: TextMatch; exact?: boolean }): E2ELocator {
    return this.root().getByRole(role, options);
  }
  getByLabel(text: TextMatch, options?: { exact?: boolean }): E2ELocator {
    return this.root().getByLabel(text, options);
  }
  getByText(text: TextMatch, options?: { exact?: boolean }): E2ELocator {
    return this.root().getByText(text, options);
  }
  locator(selector: string): E2ELocator {
    return this.root().locator(selector);
  }
  async evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R> {
    return (await this.driver.run(`(${fn.toString()})(${JSON.stringify(arg)})`)) as R;
  }
  /** Playwright's screenshot options done in the page, as Playwright does them in Chromium. */
  async screenshot({ path, fullPage = false, animations = 'allow', caret = 'hide' }: ScreenshotOptions): Promise<Uint8Array> {
    await this.evaluate(
      ({ stopAnimations, hideCaret }) => {
        if (stopAnimations)
          for (const a of document.getAnimations()) {
            if (a.effect?.getComputedTiming().endTime === Infinity) a.cancel();
            else a.finish();
          }
        if (hideCaret) {
          const style = document.createElement('style');
          style.id = 'e2e-screenshot-caret';
          style.textContent = '* { caret-color: transparent !important; }';
          document.head.append(style);
        }
      },
      { stopAnimations: animations === 'disabled', hideCaret: caret === 'hide' },
    );
    try {
      const png = await this.driver.screenshot(fullPage);
      await writeFile(path, png);
      return png;
    } finally {
      await this.evaluate(() => document.getElementById('e2e-screenshot-caret')?.remove(), null);
    }
  }
  close(): Promise<void> {
    return this.driver.close();
  }
}
