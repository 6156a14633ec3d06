/**
 * Helpers for the step element tests (real Chromium, Firefox and WebKit): register a step class idempotently (the
 * product registers tags only in widget/define.ts), mount it with properties, run axe on it,
 * and reach into its shadow root the way a user would see it.
 */
import 'axe-core/axe.min.js';
import type { AxeResults } from 'axe-core';
import type { LitElement } from 'lit';
import type { StepIntentEvent } from '../../widget/events/intents.ts';

declare global {
  interface Window {
    axe: { run(context: Element | Document, options?: object): Promise<AxeResults> };
  }
}

type StepClass<T extends LitElement> = (new () => T) & { tagName: string };

const mounted: HTMLElement[] = [];

export function register<T extends LitElement>(cls: StepClass<T>): void {
  if (!customElements.get(cls.tagName)) customElements.define(cls.tagName, cls);
}

/** Creates, configures and attaches the element, and waits for its first render. */
export async function mount<T extends LitElement>(
  cls: StepClass<T>,
  props: Partial<T> = {},
  parent: HTMLElement = document.body,
): Promise<T> {
  register(cls);
  const el = document.createElement(cls.tagName) as T;
  Object.assign(el, props);
  parent.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** Removes everything mounted by the current test (call in afterEach). */
export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** axe violations as readable lines ('' when none), so a failing assertion says what is wrong. */
export async function axeViolations(context: Element | Document = document, options: object = {}): Promise<string> {
  const results = await window.axe.run(context, { resultTypes: ['violations'], ...options });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('\n');
}

export function $<E extends Element = HTMLElement>(el: LitElement, selector: string): E {
  const found = el.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`${el.localName}: nothing matches ${selector}`);
  return found;
}

export function $$<E extends Element = HTMLElement>(el: LitElement, selector: string): E[] {
  return [...(el.shadowRoot?.querySelectorAll<E>(selector) ?? [])];
}

/** Types into an input like a person (value + input event) and waits for the render. */
export async function type(el: LitElement, input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** The types of the intents an element fires, in order (a live list). */
export function intents(el: EventTarget): string[] {
  const fired: string[] = [];
  el.addEventListener('step-intent', (e) => fired.push((e as StepIntentEvent).intent.type));
  return fired;
}

/** Collects the events of one type an element fires. */
export function collect<E extends Event>(el: EventTarget, type: string): E[] {
  const events: E[] = [];
  el.addEventListener(type, (e) => events.push(e as E));
  return events;
}

/** The active element, following shadow roots down. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function text(el: LitElement): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}
