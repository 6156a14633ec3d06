/**
 * INTERNAL intent events: a step element tells the shell what the person asked for; the shell
 * (flow controller) decides what happens. They neither bubble nor cross the shadow boundary: the
 * shell listens on the step element itself, so a host page never sees them (they may carry
 * personal data such as the cédula or a password, which must not leak to the host).
 *
 * Usage in a step:
 *   this.dispatchEvent(new StepSubmitEvent<VerifyRequest>(data));
 *   this.dispatchEvent(new StepBackEvent());
 */

/** The person submitted the step (BUSCAR, CONTINUAR, ACEPTAR, GENERAR, FINALIZAR...). `data` is step-specific. */
export class StepSubmitEvent<T = unknown> extends Event {
  static readonly eventName = 'step-submit' as const;
  readonly data: T;
  constructor(data: T) {
    super(StepSubmitEvent.eventName, { bubbles: false, composed: false, cancelable: false });
    this.data = data;
  }
}

/** The person asked to go back (or to close a dialog without accepting). */
export class StepBackEvent extends Event {
  static readonly eventName = 'step-back' as const;
  constructor() {
    super(StepBackEvent.eventName, { bubbles: false, composed: false, cancelable: false });
  }
}

/** The person asked for a side action that keeps the step, e.g. `resend` (reenviar correo) or `retry`. */
export class StepActionEvent<A extends string = string> extends Event {
  static readonly eventName = 'step-action' as const;
  readonly action: A;
  constructor(action: A) {
    super(StepActionEvent.eventName, { bubbles: false, composed: false, cancelable: false });
    this.action = action;
  }
}

declare global {
  interface HTMLElementEventMap {
    'step-submit': StepSubmitEvent;
    'step-back': StepBackEvent;
    'step-action': StepActionEvent;
  }
}
