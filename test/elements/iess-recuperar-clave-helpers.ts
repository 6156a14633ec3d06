/**
 * Helpers for the shell's element tests: mount `<iess-recuperar-clave>` (registered by the real
 * widget/define.ts) with a fake RecoveryApi and a ManualClock, wait for what a person would see,
 * and reach the current step.
 */
import 'axe-core/axe.min.js';
import type { AxeResults } from 'axe-core';
import { whenDefined } from '../../widget/define.ts';
import { ManualClock } from '../../widget/flow/clock.ts';
import type { FlowStore } from '../../widget/flow/store.ts';
import type { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { FIXTURE_NOW_MS } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';

declare global {
  interface Window {
    axe: { run(context: Element | Document, options?: object): Promise<AxeResults> };
  }
}

const mounted: HTMLElement[] = [];

export interface Mounted {
  el: IessRecuperarClave;
  api: FakeRecoveryApi;
  clock: ManualClock;
}

export async function mountShell(
  options: { api?: FakeRecoveryApi; attrs?: Record<string, string>; config?: unknown; noApi?: boolean; clockAt?: number; store?: FlowStore } = {},
): Promise<Mounted> {
  await whenDefined;
  const api = options.api ?? new FakeRecoveryApi();
  const clock = new ManualClock(options.clockAt ?? FIXTURE_NOW_MS);
  const el = document.createElement('iess-recuperar-clave');
  el.clock = clock;
  if (!options.noApi) el.api = api;
  if (options.config !== undefined) el.config = options.config;
  if (options.store) el.store = options.store;
  for (const [k, v] of Object.entries(options.attrs ?? {})) el.setAttribute(k, v);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return { el, api, clock };
}

export function cleanupShells(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/**
 * Waits until `check` holds; fails with `what` after a generous deadline (15 s of real time, so a
 * loaded machine passes). Not a timed assertion: a condition that holds returns at once.
 */
export async function until(check: () => unknown, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  if (check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

/** The element of the current step (or end state) inside the shell. */
export function currentStep<E extends HTMLElement = HTMLElement & { updateComplete?: Promise<unknown> }>(el: IessRecuperarClave): E {
  const s = el.shadowRoot?.querySelector<E>('[data-step]');
  if (!s) throw new Error('no step rendered');
  return s;
}

export async function untilStep(el: IessRecuperarClave, tag: string): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  await until(() => el.shadowRoot?.querySelector(`${tag}[data-step]`), tag);
  const step = el.shadowRoot!.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
  await el.updateComplete;
  await step.updateComplete;
  return step;
}

export function shellText(el: IessRecuperarClave): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

/** Text of the shell AND of the current step's shadow root. */
export function visibleText(el: IessRecuperarClave): string {
  const step = el.shadowRoot?.querySelector('[data-step]');
  return `${shellText(el)} ${(step?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ')}`;
}

export function liveRegion(el: IessRecuperarClave): HTMLElement {
  const live = el.shadowRoot?.querySelector<HTMLElement>('[aria-live]');
  if (!live) throw new Error('no live region');
  return live;
}

export async function axeViolations(context: Element | Document = document): Promise<string> {
  const results = await window.axe.run(context, { resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('\n');
}

export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Lets pending promises (fake API answers) settle and the shell re-render. */
export async function settle(el: IessRecuperarClave): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}
