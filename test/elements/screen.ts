/**
 * Finding things the way a person (or assistive technology) does: by role and accessible name, by
 * label, through every shadow root and the light DOM of a host element — never by internal ids or
 * by reaching into component state. Acting like a person: typing, choosing, clicking.
 */

/** Every element of `root` and of the shadow trees inside it, in tree order. */
function* deep(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

const text = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function shown(el: Element): boolean {
  return !el.closest('[hidden]') && !(el instanceof HTMLElement && el.hidden);
}

/** A control's accessible name from its label (wrapping, or `for` in the same tree) or aria-label. */
function labelOf(control: Element): string {
  const aria = control.getAttribute('aria-label');
  if (aria) return aria;
  const wrapping = control.closest('label');
  if (wrapping) return text(wrapping);
  const id = control.id;
  const root = control.getRootNode() as ParentNode;
  const forIt = id ? root.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
  return text(forIt);
}

export type Role = 'button' | 'link' | 'heading' | 'checkbox' | 'radio' | 'textbox' | 'combobox' | 'alert' | 'status' | 'timer' | 'group';

function roleOf(el: Element): Role | undefined {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit as Role;
  const tag = el.localName;
  if (tag === 'button') return 'button';
  if (tag === 'a' && el.hasAttribute('href')) return 'link';
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'select') return 'combobox';
  if (tag === 'fieldset') return 'group';
  if (tag === 'input') {
    const type = (el as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') return type;
    if (['text', 'email', 'password', 'search', 'tel'].includes(type)) return 'textbox';
  }
  return undefined;
}

function nameOf(el: Element): string {
  if (el.localName === 'input' || el.localName === 'select' || el.localName === 'textarea') return labelOf(el);
  if (el.localName === 'fieldset') return text(el.querySelector('legend'));
  return el.getAttribute('aria-label') ?? text(el);
}

const matches = (actual: string, expected: string | RegExp | undefined): boolean =>
  expected === undefined || (typeof expected === 'string' ? actual === expected : expected.test(actual));

/** Every shown element of `role` (with accessible name `name`, exact or a pattern) under `host`, light DOM and shadow trees. */
export function allByRole<E extends HTMLElement = HTMLElement>(host: Element, role: Role, name?: string | RegExp): E[] {
  const found: E[] = [];
  for (const el of [host, ...deep(host), ...(host.shadowRoot ? deep(host.shadowRoot) : [])]) {
    if (roleOf(el) === role && shown(el) && matches(nameOf(el), name) && !found.includes(el as E)) found.push(el as E);
  }
  return found;
}

export function queryByRole<E extends HTMLElement = HTMLElement>(host: Element, role: Role, name?: string | RegExp): E | undefined {
  return allByRole<E>(host, role, name)[0];
}

export function getByRole<E extends HTMLElement = HTMLElement>(host: Element, role: Role, name?: string | RegExp): E {
  const el = queryByRole<E>(host, role, name);
  if (!el) throw new Error(`no ${role} named ${String(name ?? '(any)')}`);
  return el;
}

/** The form control labelled `label` (input, select, textarea). */
export function getByLabel<E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(host: Element, label: string | RegExp): E {
  for (const el of [...deep(host), ...(host.shadowRoot ? deep(host.shadowRoot) : [])]) {
    if (['input', 'select', 'textarea'].includes(el.localName) && shown(el) && matches(labelOf(el), label)) return el as E;
  }
  throw new Error(`no field labelled ${String(label)}`);
}

/**
 * Waits until `find` returns something; fails with `what` after a generous deadline (15 s of real
 * time, so a loaded machine passes). Not a timed assertion: what is there returns at once.
 */
export async function findBy<T>(find: () => T | undefined | null | false, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const findByRole = <E extends HTMLElement = HTMLElement>(host: Element, role: Role, name?: string | RegExp): Promise<E> =>
  findBy(() => queryByRole<E>(host, role, name), `${role} ${String(name ?? '')}`);

/** Types `value` into a field as a person would (focus, value, input event). */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Chooses an option of a select by its value. */
export function choose(select: HTMLSelectElement, value: string): void {
  select.focus();
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** All the text a person could read inside `host`: light DOM and every shadow tree. */
export function readableText(host: Element): string {
  const parts = [text(host)];
  for (const el of [...deep(host), ...(host.shadowRoot ? deep(host.shadowRoot) : [])]) if (el.shadowRoot) parts.push(text(el.shadowRoot));
  if (host.shadowRoot) parts.push(text(host.shadowRoot));
  return parts.join(' ');
}

/** The values of every form field inside `host` (light DOM and shadow trees): what is typed on screen. */
export function fieldValues(host: Element): string[] {
  return [...deep(host), ...(host.shadowRoot ? deep(host.shadowRoot) : [])]
    .filter((el): el is HTMLInputElement => el.localName === 'input' || el.localName === 'textarea')
    .map((el) => el.value);
}
