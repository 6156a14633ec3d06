/**
 * Connects the wizard element in the popup to the background worker: the activation window goes
 * to the badge; the end of the flow clears it. Only timing and step ids cross (no personal data).
 */
import type { BackgroundMessage } from '../shared/messages.ts';
import type { KeyValueArea } from '../platform/ports.ts';
import { ENDED_KEY, type FlowOutcome } from '../shared/flow-end.ts';
import type { ActivationWindowListener } from './activation-watcher.ts';

/** Steps after which no link is pending any more. */
const ENDED_STEPS = new Set(['identification', 'done', 'locked', 'expired', 'error']);

export function badgeReporter(send: (message: BackgroundMessage) => Promise<unknown>): ActivationWindowListener {
  const post = (message: BackgroundMessage) => {
    // The badge is a convenience: a worker that is not there must not break the wizard.
    void send(message).catch(() => undefined);
  };
  return {
    started: (expiresAt, serverNow) => post({ type: 'activation-window', expiresAt, serverNow }),
    ended: () => post({ type: 'flow-ended' }),
  };
}

/** Listens to the wizard's public events (they carry no personal data). */
export function followWizard(element: EventTarget, reporter: ActivationWindowListener): void {
  element.addEventListener('iess-step-change', (event) => {
    const { step } = event as Event & { step?: string };
    if (step !== undefined && ENDED_STEPS.has(step)) reporter.ended();
  });
  element.addEventListener('iess-complete', () => reporter.ended());
  element.addEventListener('iess-cancel', () => reporter.ended());
}

/**
 * A web link in the popup (FINALIZAR's portal, "Ingresar al portal del IESS") would load its page inside
 * the popup's few hundred pixels, where it vanishes as soon as the popup loses focus: it opens in a
 * tab instead, and the popup closes. Ctrl- or ⌘-click asks for a tab behind: it opens there and the
 * popup stays. Shift- and Alt-click (a window, a download), other buttons and links of other kinds
 * (mailto:, tel:) keep the browser's own handling. The wizard's own click handler has run by then
 * (FINALIZAR's clean-up), inside its shadow root.
 */
export function openWebLinksInTabs(
  page: EventTarget,
  openTab: (url: string, active: boolean) => Promise<unknown>,
  closePopup: () => void,
): void {
  page.addEventListener('click', (event) => {
    const click = event as MouseEvent;
    if (click.defaultPrevented || click.button !== 0 || click.shiftKey || click.altKey) return;
    const link = click.composedPath().find((node) => (node as Element).localName === 'a') as HTMLAnchorElement | undefined;
    if (!link?.href || !/^https?:/i.test(link.href)) return;
    click.preventDefault();
    const behind = click.ctrlKey || click.metaKey;
    // Should the tab not open, the link still leads somewhere: a window of the browser's choosing.
    void openTab(link.href, !behind).then(behind ? undefined : closePopup, () => globalThis.open?.(link.href, '_blank', 'noopener'));
  });
}

/**
 * How the last flow ended while the popup was closed (the worker learnt it from the server), taken
 * out of storage.session so it is shown once: then the popup opens on the end state, not on a
 * stale countdown.
 */
export async function takeEndedFlow(area: KeyValueArea): Promise<FlowOutcome | undefined> {
  const value = (await area.get(ENDED_KEY))[ENDED_KEY] as { outcome?: unknown } | undefined;
  if (value === undefined) return undefined;
  await area.remove(ENDED_KEY);
  return value.outcome === 'completed' || value.outcome === 'expired' ? value.outcome : undefined;
}
