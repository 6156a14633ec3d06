/**
 * The ONE internal intent event: a step element tells the shell what the person asked for, as the
 * flow machine's own event (widget/flow/types.ts), and the shell feeds it to the machine as it is.
 * It bubbles only inside the shell's shadow root and never crosses it (composed: false), so a host
 * page never sees it: it may carry personal data such as the cédula or a password.
 *
 * Usage in a step:
 *   this.dispatchEvent(new StepIntentEvent({ type: 'submit-verification', request }));
 */
import type { FlowEvent } from '../flow/types.ts';

/** What a person can ask for on a step: exactly these machine events (`resend` gets its time from the shell's clock). */
export type StepIntent =
  | Extract<
      FlowEvent,
      {
        type:
          | 'identify'
          | 'submit-verification'
          | 'confirm'
          | 'dismiss'
          | 'submit-security-questions'
          | 'submit-email'
          | 'submit-password'
          | 'back'
          | 'finish'
          | 'retry'
          | 'restart'
          | 'change-email';
      }
    >
  | { type: 'resend' }
  | { type: 'extend' };

export class StepIntentEvent<I extends StepIntent = StepIntent> extends Event {
  static readonly eventName = 'step-intent' as const;
  constructor(readonly intent: I) {
    super(StepIntentEvent.eventName, { bubbles: true, composed: false, cancelable: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'step-intent': StepIntentEvent;
  }
}
