/**
 * Helpers for the shell's element tests: mount `<iess-recuperar-clave>` (registered by the real
 * widget/define.ts) with a fake RecoveryApi and a ManualClock, and go through the procedure as a
 * person does — by labels, roles and what is on screen (./screen.ts), never by internal events.
 */
import 'axe-core/axe.min.js';
import type { AxeResults } from 'axe-core';
import { whenDefined } from '../../widget/define.ts';
import { ManualClock, shellClocks } from '../../widget/flow/clock.ts';
import type { FlowStore } from '../../widget/flow/store.ts';
import type { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { FIXTURE_CEDULA, FIXTURE_NOW_MS } from '../fixtures/api/index.ts';
import { FakeRecoveryApi } from '../helpers/fake-recovery-api.ts';
import { allByRole, choose, findBy, findByRole, getByLabel, getByRole, readableText, typeInto } from './screen.ts';

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
  options: {
    api?: FakeRecoveryApi;
    attrs?: Record<string, string>;
    config?: unknown;
    noApi?: boolean;
    clockAt?: number;
    store?: FlowStore;
    parent?: HTMLElement;
  } = {},
): Promise<Mounted> {
  await whenDefined;
  const api = options.api ?? new FakeRecoveryApi();
  const clock = new ManualClock(options.clockAt ?? FIXTURE_NOW_MS);
  const el = document.createElement('iess-recuperar-clave');
  shellClocks.set(el, clock);
  if (!options.noApi) el.api = api;
  if (options.config !== undefined) el.config = options.config;
  if (options.store) el.store = options.store;
  for (const [k, v] of Object.entries(options.attrs ?? {})) el.setAttribute(k, v);
  (options.parent ?? document.body).append(el);
  mounted.push(el);
  await el.updateComplete;
  return { el, api, clock };
}

export function cleanupShells(): void {
  for (const el of mounted.splice(0)) el.remove();
  // Resume is on by default (this tab's sessionStorage): the next test starts at BUSCAR.
  sessionStorage.removeItem('iess-clave:flow');
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

// ---- the procedure, as a person goes through it ------------------------------------------------

/** Waits for the heading of a step or end state (its name, as the person reads it). */
export const heading = (m: Mounted, name: string | RegExp): Promise<HTMLElement> => findByRole(m.el, 'heading', name);

/** Identificación: types the identification, ticks "No soy un robot" (the fake API's proof of work is solved for real), BUSCAR. */
export async function identify(m: Mounted, id: string = FIXTURE_CEDULA): Promise<void> {
  await heading(m, 'Identificación');
  typeInto(getByLabel(m.el, 'Número de cédula'), id);
  getByRole<HTMLInputElement>(m.el, 'checkbox', 'No soy un robot').click();
  await findBy(() => readableText(m.el).includes('Verificado'), 'the solved robot check');
  getByRole(m.el, 'button', 'BUSCAR').click();
}

/** Verificación: day and month, every question answered (text: `answer`; choice: the first option), CONTINUAR, then ACEPTAR. */
export async function verify(m: Mounted, { day = '14', month = '3', answer = 'Quito' } = {}): Promise<void> {
  await heading(m, 'Verificación de datos');
  choose(getByLabel<HTMLSelectElement>(m.el, 'Día'), day);
  choose(getByLabel<HTMLSelectElement>(m.el, 'Mes'), month);
  for (const field of allByRole<HTMLInputElement>(m.el, 'textbox')) typeInto(field, answer);
  const groups = new Map<string, HTMLInputElement[]>();
  for (const radio of allByRole<HTMLInputElement>(m.el, 'radio')) groups.set(radio.name, [...(groups.get(radio.name) ?? []), radio]);
  for (const radios of groups.values()) if (!radios.some((r) => r.checked)) radios[0]!.click();
  await pressContinuar(m);
  await accept(m);
}

/** CONTINUAR on the current step (once its form is ready). */
export async function pressContinuar(m: Mounted): Promise<void> {
  (await findByRole(m.el, 'button', 'CONTINUAR')).click();
}

/** ACEPTAR in the confirm dialog. */
export async function accept(m: Mounted): Promise<void> {
  (await findByRole(m.el, 'button', 'ACEPTAR')).click();
}

/** Correo: the address on record, CONTINUAR, ACEPTAR. */
export async function sendEmail(m: Mounted): Promise<void> {
  await heading(m, 'Correo electrónico');
  await pressContinuar(m);
  await accept(m);
}

/** BUSCAR, verification and e-mail: the "Revise su correo" step is shown. */
export async function toWaiting(m: Mounted): Promise<void> {
  await identify(m);
  await verify(m);
  await sendEmail(m);
  await heading(m, 'Revise su correo');
}

/** The page the e-mail link opens: ticks the declaration (on the same page as the new password: no CONTINUAR between them). */
export async function acceptDeclaration(m: Mounted): Promise<void> {
  await heading(m, 'Nueva clave');
  getByRole<HTMLInputElement>(m.el, 'checkbox', /^Declaro que toda la información registrada es fidedigna/).click();
}

/** Nueva clave: the password twice, GENERAR. */
export async function generate(m: Mounted, password: string): Promise<void> {
  await heading(m, 'Nueva clave');
  typeInto(getByLabel(m.el, 'Nueva clave'), password);
  typeInto(getByLabel(m.el, 'Confirme la nueva clave'), password);
  getByRole(m.el, 'button', 'GENERAR').click();
}

/** The problem notice the shell shows on the step, or '' when there is none. */
export function problemNotice(m: Mounted): string {
  return m.el.shadowRoot?.querySelector('[part=problem]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
