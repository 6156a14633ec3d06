/**
 * What a screen reader user hears, from @guidepup/virtual-screen-reader (a model of a screen reader
 * that runs in the page against the real DOM and its accessibility semantics: roles, names,
 * descriptions, states, live regions, focus).
 *
 * The library reads only the light DOM (0.33.0): it walks `childNodes`, observes the container with
 * one MutationObserver and listens to `focusin` on it. The widget is shadow DOM all the way down,
 * so this adapter gives it the composed (flattened) tree that browsers give assistive technology:
 *  - each shadow host's `childNodes` are its shadow root's, each slot's are its assigned nodes
 *    (instance properties of the hosts inside the stage only, nothing global);
 *  - the MutationObserver it is given (its documented `window.MutationObserver` option) also
 *    observes every open shadow root inside the container, as they appear; a change at the top of
 *    a shadow root is reported on its host (the library expects an element);
 *  - `focusin` reaches it with the focused element itself (`composedPath()[0]`), not the outermost
 *    host the event is retargeted to, also when focus moves inside one shadow root (such an event
 *    never leaves it: each shadow root passes it on); a container without a role that takes focus
 *    (the error summary) is read from its first child with a role, as screen readers read it.
 */
import { Virtual } from '@guidepup/virtual-screen-reader/browser.js';

/** The composed children of `node`: a host's shadow tree, a slot's assigned nodes. */
function flatten(node: Node): void {
  if (!(node instanceof Element)) return;
  const el = node as Element & { __composed?: true };
  const slot = node as HTMLSlotElement & { __composed?: true };
  if (el.__composed) return;
  if (el.shadowRoot) {
    const root = el.shadowRoot;
    Object.defineProperty(el, 'childNodes', { configurable: true, get: () => root.childNodes });
    el.__composed = true;
  } else if (node instanceof HTMLSlotElement) {
    const own = Object.getOwnPropertyDescriptor(Node.prototype, 'childNodes')!.get!;
    Object.defineProperty(slot, 'childNodes', {
      configurable: true,
      get: () => {
        const assigned = slot.assignedNodes({ flatten: true });
        return assigned.length > 0 ? assigned : own.call(slot);
      },
    });
    slot.__composed = true;
  }
}

/** Every shadow root under `node` (through nested shadow trees). */
function* shadowRoots(node: ParentNode): Generator<ShadowRoot> {
  for (const el of node.querySelectorAll('*')) {
    if (el.shadowRoot) {
      yield el.shadowRoot;
      yield* shadowRoots(el.shadowRoot);
    }
  }
}

function flattenAll(node: ParentNode): void {
  for (const el of node.querySelectorAll('*')) {
    flatten(el);
    if (el.shadowRoot) flattenAll(el.shadowRoot);
  }
}

/** A MutationObserver that sees through open shadow roots (the library's `window.MutationObserver`); `onRoot` hears of each root. */
function composedMutationObserver(onRoot: (root: ShadowRoot) => void) {
  return class ComposedMutationObserver {
    private readonly inner: MutationObserver;
    private readonly watched = new WeakSet<Node>();
    private target: Element | undefined;
    private options: MutationObserverInit = {};

    constructor(callback: MutationCallback) {
      this.inner = new MutationObserver((records) => {
        this.watch();
        const retargeted = records.map((r) =>
          r.target instanceof ShadowRoot
            ? ({ type: r.type, target: r.target.host, addedNodes: r.addedNodes, removedNodes: r.removedNodes } as unknown as MutationRecord)
            : r,
        );
        callback(retargeted, this.inner);
      });
    }

    observe(target: Element, options: MutationObserverInit): void {
      this.target = target;
      this.options = options;
      this.inner.observe(target, options);
      this.watch();
    }

    private watch(): void {
      if (!this.target) return;
      flattenAll(this.target);
      for (const root of shadowRoots(this.target)) {
        if (this.watched.has(root)) continue;
        this.watched.add(root);
        this.inner.observe(root, this.options);
        onRoot(root);
      }
    }

    disconnect(): void {
      this.inner.disconnect();
    }

    takeRecords(): MutationRecord[] {
      return this.inner.takeRecords();
    }
  };
}

/** The element that has focus, through shadow roots. */
function focusedElement(event: Event): Element | null {
  return (event.composedPath()[0] as Element | undefined) ?? null;
}

/** What a screen reader lands on when `el` takes focus: a generic container is read from its first child with a role. */
function readFrom(el: Element): Element {
  if (el.hasAttribute('role') || el.localName !== 'div') return el;
  return el.querySelector('[role]') ?? el;
}

export interface Listener {
  /** Every phrase heard since the start (or the last `mark()`). */
  heard(): Promise<string[]>;
  /** Forgets what was heard so far: the next `heard()` starts here. */
  mark(): Promise<void>;
  /** Waits until `phrase` (exact, or a pattern) has been heard since the last mark (15 s deadline). */
  hears(phrase: string | RegExp): Promise<string[]>;
  /** Moves the virtual cursor on and says what it reads, `count` times. */
  readOn(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Starts the virtual screen reader on a stage that will hold the widget: put the element into the
 * returned `stage` before interacting.
 */
export async function listen(stage: HTMLElement): Promise<Listener> {
  const vsr = new Virtual();
  // focusin with the focused element itself (see the module comment). A focus move inside one
  // shadow root never reaches the stage (the DOM trims the event's path where the target and the
  // related target are the same host), so every shadow root passes its own focusin on, once.
  const listeners: EventListener[] = [];
  const seen = new WeakSet<Event>();
  const onFocusIn = (event: Event) => {
    if (seen.has(event)) return;
    seen.add(event);
    const target = focusedElement(event);
    if (target) for (const listener of listeners) listener({ target: readFrom(target) } as unknown as Event);
  };
  const add = stage.addEventListener.bind(stage);
  stage.addEventListener = ((type: string, listener: EventListener, options?: boolean | AddEventListenerOptions) => {
    if (type !== 'focusin') return add(type, listener, options);
    if (listeners.length === 0) add('focusin', onFocusIn, true);
    listeners.push(listener);
  }) as typeof stage.addEventListener;
  const remove = stage.removeEventListener.bind(stage);
  stage.removeEventListener = ((type: string, listener: EventListener, options?: boolean | EventListenerOptions) => {
    if (type !== 'focusin') return remove(type, listener, options);
    listeners.splice(listeners.indexOf(listener), 1);
  }) as typeof stage.removeEventListener;
  const MutationObserver = composedMutationObserver((root) => root.addEventListener('focusin', onFocusIn, true));

  flattenAll(stage);
  await vsr.start({
    container: stage,
    window: { document, MutationObserver: MutationObserver as unknown as typeof globalThis.MutationObserver },
  });
  const log = async () => [...(await vsr.spokenPhraseLog())];
  let from = (await log()).length;
  const since = async () => (await log()).slice(from);
  return {
    heard: since,
    async mark() {
      from = (await log()).length;
    },
    async hears(phrase) {
      const deadline = Date.now() + 15_000;
      const ok = async () => (await since()).some((p) => (typeof phrase === 'string' ? p === phrase : phrase.test(p)));
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`never heard ${String(phrase)}; heard:\n${(await since()).join('\n')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return since();
    },
    async readOn(count) {
      const before = (await log()).length;
      for (let i = 0; i < count; i++) await vsr.next();
      return (await log()).slice(before);
    },
    stop: () => vsr.stop(),
  };
}
