/**
 * Connects the wizard element in the popup to the background worker: the activation window goes
 * to the badge; the end of the flow clears it. Only timing and step ids cross (no personal data).
 */
import type { BackgroundMessage } from '../shared/messages.ts';
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
