/**
 * The in-page half of the Firefox and WebKit drivers: finds elements the way a person (and
 * Playwright's getByRole / getByLabel / getByText, which the Chromium tests use) names them,
 * through open shadow roots. It runs inside the page (the driver sends its source), so it is one
 * self-contained function: no imports, no helpers from outside its body.
 *
 * Roles and names follow WAI-ARIA / HTML-AAM for the elements the widget uses; names come from
 * what the engine itself says: `labels` (the engine's own label association), aria-labelledby in
 * the element's tree, aria-label, a fieldset's legend, or the text content of the flat tree.
 * Elements hidden from assistive technology (display: none, visibility: hidden, aria-hidden)
 * have no role, as in Playwright.
 */

export type TextMatch = string | { source: string; flags: string };

export type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: TextMatch; exact?: boolean }
  | { kind: 'label'; text: TextMatch; exact?: boolean }
  | { kind: 'text'; text: TextMatch; exact?: boolean }
  | { kind: 'nth'; index: number };

export type FinderRequest =
  | { op: 'count'; chain: Step[] }
  | { op: 'texts'; chain: Step[] }
  | { op: 'state'; chain: Step[]; attribute?: string }
  | { op: 'element'; chain: Step[] }
  | { op: 'select'; chain: Step[]; option: { value?: string; label?: string } }
  | { op: 'clear'; chain: Step[] }
  /** Every element the chain finds as role and accessible name (finder.test.ts compares them with Playwright's). */
  | { op: 'roles'; chain: Step[] }
  /** Where the one element is and what a click at its centre would reach (a failed action's report). */
  | { op: 'hit'; chain: Step[] };

export interface ElementState {
  /** How many elements the chain matches (an action needs exactly one). */
  count: number;
  visible: boolean;
  enabled: boolean;
  checked: boolean;
  editable: boolean;
  textContent: string | null;
  /** A form control's value (inputValue()). */
  value: string | null;
  attribute: string | null;
}

/** Runs in the page. Throws (in the page) only for a malformed request. */
export function finder(request: FinderRequest): unknown {
  const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

  /** Children in the flat tree: a host's shadow root, a slot's assigned nodes, else the children. */
  const flatChildren = (node: Node): Node[] => {
    if (node instanceof Element && node.shadowRoot) return Array.from(node.shadowRoot.childNodes);
    if (node instanceof HTMLSlotElement) {
      const assigned = node.assignedNodes({ flatten: true });
      return assigned.length ? assigned : Array.from(node.childNodes);
    }
    return Array.from(node.childNodes);
  };

  /**
   * Every element under `root` (not root itself), light and shadow trees, in Playwright's order
   * (so that first() and nth() pick the same element): the root's own tree in document order, then
   * the shadow trees of the root and of those elements, each the same way.
   */
  const descendants = (root: Node): Element[] => {
    const out: Element[] = [];
    const visit = (r: Element | Document | ShadowRoot) => {
      const all = Array.from(r.querySelectorAll('*'));
      out.push(...all);
      if (r instanceof Element && r.shadowRoot) visit(r.shadowRoot);
      for (const el of all) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(root as Element | Document | ShadowRoot);
    return out;
  };

  /** The parent across shadow boundaries (a shadow root's host; a slotted node's slot is not needed here). */
  const composedParent = (el: Element): Element | null => {
    if (el.parentElement) return el.parentElement;
    const root = el.getRootNode();
    return root instanceof ShadowRoot ? root.host : null;
  };

  const hiddenForAria = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = composedParent(e)) {
      if (e.getAttribute('aria-hidden') === 'true') return true;
    }
    return !el.checkVisibility({ visibilityProperty: true });
  };

  const isVisible = (el: Element): boolean => {
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };

  const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD']);

  /** The text a person reads in an element: the flat tree's text (shadow DOM and slotted content). */
  const flatText = (node: Node, forName = false): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) && !(node instanceof ShadowRoot) && !(node instanceof DocumentFragment)) return '';
    if (node instanceof Element) {
      if (SKIP_TEXT.has(node.tagName)) return '';
      if (forName && (node.getAttribute('aria-hidden') === 'true' || !node.checkVisibility())) return '';
      if (forName && node.getAttribute('aria-label')) return ` ${node.getAttribute('aria-label')} `;
      // Form controls inside a label add nothing to its text (a checkbox has no text).
      if (forName && (node instanceof HTMLInputElement || node instanceof HTMLSelectElement || node instanceof HTMLTextAreaElement))
        return '';
    }
    const block = node instanceof Element && !['inline', 'contents'].includes(getComputedStyle(node).display);
    const inner = flatChildren(node)
      .map((child) => flatText(child, forName))
      .join('');
    return block ? ` ${inner} ` : inner;
  };

  const roleOf = (el: Element): string | null => {
    const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.localName;
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'button') return 'button';
    if ((tag === 'a' || tag === 'area') && el.hasAttribute('href')) return 'link';
    if (tag === 'fieldset' || tag === 'details' || tag === 'optgroup') return 'group';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return (el as HTMLSelectElement).multiple || (el as HTMLSelectElement).size > 1 ? 'listbox' : 'combobox';
    if (tag === 'option') return 'option';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'form') return 'form';
    if (tag === 'nav') return 'navigation';
    if (tag === 'main') return 'main';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'progress') return 'progressbar';
    if (tag === 'input') {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'number') return 'spinbutton';
      if (type === 'range') return 'slider';
      if (type === 'search') return 'searchbox';
      // Password fields too, as Playwright (and browsers' accessibility trees) expose them.
      if (['text', 'email', 'tel', 'url', 'password', ''].includes(type)) return el.hasAttribute('list') ? 'combobox' : 'textbox';
      return null; // hidden, date…
    }
    return null;
  };

  const byIds = (el: Element, ids: string): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    return ids
      .split(/\s+/)
      .map((id) => root.getElementById(id))
      .filter((n): n is HTMLElement => n !== null)
      .map((n) => flatText(n, true))
      .join(' ');
  };

  const isControl = (el: Element) => el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

  /** Label texts of a form control: aria-labelledby, aria-label, the engine's own `labels`. */
  const labelTexts = (el: Element): string[] => {
    const texts: string[] = [];
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) texts.push(byIds(el, labelledBy));
    const ariaLabel = el.getAttribute('aria-label');
    if (ariaLabel) texts.push(ariaLabel);
    if (isControl(el)) for (const label of Array.from((el as HTMLInputElement).labels ?? [])) texts.push(flatText(label, true));
    return texts.map(normalize).filter(Boolean);
  };

  const NAME_FROM_CONTENT = new Set([
    'button',
    'heading',
    'link',
    'radio',
    'checkbox',
    'option',
    'tab',
    'menuitem',
    'cell',
    'row',
    'switch',
    'tooltip',
    'treeitem',
  ]);

  const accessibleName = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return normalize(byIds(el, labelledBy));
    const ariaLabel = el.getAttribute('aria-label');
    if (ariaLabel?.trim()) return normalize(ariaLabel);
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return normalize(el.value);
    if (isControl(el)) {
      const labels = Array.from((el as HTMLInputElement).labels ?? []).map((l) => flatText(l, true));
      if (labels.length) return normalize(labels.join(' '));
      return normalize(el.getAttribute('title') ?? el.getAttribute('placeholder') ?? '');
    }
    if (el instanceof HTMLFieldSetElement) {
      const legend = Array.from(el.children).find((c) => c instanceof HTMLLegendElement);
      if (legend) return normalize(flatText(legend, true));
    }
    const role = roleOf(el);
    if (role && NAME_FROM_CONTENT.has(role)) return normalize(flatText(el, true));
    return normalize(el.getAttribute('title') ?? '');
  };

  const matches = (value: string, match: TextMatch, exact: boolean | undefined): boolean => {
    if (typeof match !== 'string') return new RegExp(match.source, match.flags).test(value);
    const a = normalize(value);
    const b = normalize(match);
    return exact ? a === b : a.toLowerCase().includes(b.toLowerCase());
  };

  const apply = (scope: Element[] | null, step: Step): Element[] => {
    if (step.kind === 'nth') {
      const list = scope ?? [];
      const el = step.index < 0 ? list[list.length + step.index] : list[step.index];
      return el ? [el] : [];
    }
    // Within a scope: its descendants; a text search also considers the scope element itself
    // (Playwright's does: getByRole('timer').getByText(…) finds text directly in the timer).
    const pool =
      scope === null
        ? descendants(document)
        : [...new Set(scope.flatMap((root) => [...(step.kind === 'text' ? [root] : []), ...descendants(root)]))];
    if (step.kind === 'css') return pool.filter((el) => el.matches(step.selector));
    if (step.kind === 'role') {
      return pool.filter(
        (el) =>
          roleOf(el) === step.role && !hiddenForAria(el) && (step.name === undefined || matches(accessibleName(el), step.name, step.exact)),
      );
    }
    if (step.kind === 'label') {
      return pool.filter(
        (el) =>
          (isControl(el) || el.hasAttribute('aria-labelledby') || el.hasAttribute('aria-label')) &&
          labelTexts(el).some((t) => matches(t, step.text, step.exact)),
      );
    }
    // text: the innermost elements whose text matches (none of their flat-tree children match alone)
    const memo = new Map<Node, string>();
    const textOf = (el: Element) => {
      let t = memo.get(el);
      if (t === undefined) memo.set(el, (t = normalize(flatText(el))));
      return t;
    };
    return pool.filter(
      (el) =>
        !SKIP_TEXT.has(el.tagName) &&
        !el.closest('head') &&
        matches(textOf(el), step.text, step.exact) &&
        !flatChildren(el).some((child) => child instanceof Element && matches(textOf(child), step.text, step.exact)),
    );
  };

  function run(chain: Step[], scope: Element[] | null = null): Element[] {
    let current = scope;
    for (const step of chain) current = apply(current, step);
    return current ?? [];
  }

  const found = run(request.chain);
  if (request.op === 'count') return found.length;
  if (request.op === 'texts') return found.map((e) => e.textContent ?? '');
  if (request.op === 'roles') return found.map((e) => ({ role: roleOf(e), name: accessibleName(e) }));
  const el = found.length === 1 ? found[0]! : undefined;
  if (request.op === 'element') return el ?? null;
  if (request.op === 'state') {
    const state: ElementState = {
      count: found.length,
      visible: el ? isVisible(el) : false,
      enabled: el ? !(el as HTMLInputElement).disabled && !el.closest('fieldset:disabled') : false,
      checked: el ? Boolean((el as HTMLInputElement).checked) || el.getAttribute('aria-checked') === 'true' : false,
      editable: el ? isControl(el) && !(el as HTMLInputElement).readOnly && !(el as HTMLInputElement).disabled : false,
      textContent: el ? el.textContent : null,
      value: el && isControl(el) ? (el as HTMLInputElement).value : null,
      attribute: el && request.attribute ? el.getAttribute(request.attribute) : null,
    };
    return state;
  }
  if (!el) return `expected one element, found ${found.length}`;
  if (request.op === 'hit') {
    const r = el.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    let at: Element | null = document.elementFromPoint(x, y);
    while (at?.shadowRoot) {
      const inner = at.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === at) break;
      at = inner;
    }
    const name = (e: Element | null) => (e ? `<${e.localName}${e.id ? `#${e.id}` : ''}>` : 'nothing');
    return `its box ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in a ${innerWidth}×${innerHeight} viewport scrolled to ${Math.round(scrollY)}; at its centre: ${name(at)}${at === el ? ' (itself)' : ''}; ${document.visibilityState}, ${document.hasFocus() ? 'focused' : 'not focused'}; active: ${name(document.activeElement)}`;
  }
  if (request.op === 'clear') {
    (el as HTMLInputElement).value = '';
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    return 'ok';
  }
  // select: as Playwright's selectOption does, pick the option, then input and change events.
  if (!(el instanceof HTMLSelectElement)) return 'not a <select>';
  const option = Array.from(el.options).find((o) =>
    request.option.value !== undefined ? o.value === request.option.value : normalize(o.label) === normalize(request.option.label ?? ''),
  );
  if (!option)
    return `no option ${JSON.stringify(request.option)} in ${Array.from(el.options)
      .map((o) => o.label)
      .join(', ')}`;
  el.value = option.value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return 'ok';
}

/** The script a driver evaluates in the page: the finder's source applied to the request. */
export function finderScript(request: FinderRequest): string {
  return `(${finder.toString()})(${JSON.stringify(request)})`;
}
