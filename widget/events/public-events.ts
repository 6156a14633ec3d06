/**
 * Public events of `<iess-recuperar-clave>`: they bubble and cross shadow roots so a host page can
 * listen on the element or on `document`. They carry NO personal data: only step ids, the case,
 * and problem kinds (docs/widget-shell.md, Public events).
 */
import type { Case } from '../api/contract.ts';
import type { ClientProblemKind, StepId } from '../flow/types.ts';

const init = { bubbles: true, composed: true } as const;

/** The wizard shows another step or end state. `index`/`total` are null for end states; `total` is null on the first step too (the case, 5 or 6 steps, is known after BUSCAR). */
export class IessStepChangeEvent extends Event {
  static readonly eventName = 'iess-step-change' as const;
  constructor(
    readonly step: StepId,
    readonly previous: StepId,
    readonly index: number | null,
    readonly total: number | null,
  ) {
    super(IessStepChangeEvent.eventName, init);
  }
}

/** The new password was set (here or, for a waiting tab, elsewhere). */
export class IessCompleteEvent extends Event {
  static readonly eventName = 'iess-complete' as const;
  constructor(readonly flowCase: Case) {
    super(IessCompleteEvent.eventName, init);
  }
}

/** The person abandoned the procedure. `step` is where they were. */
export class IessCancelEvent extends Event {
  static readonly eventName = 'iess-cancel' as const;
  constructor(readonly step: StepId) {
    super(IessCancelEvent.eventName, init);
  }
}

/** Something stopped the flow or a request failed; `kind` is a stable problem kind. */
export class IessErrorEvent extends Event {
  static readonly eventName = 'iess-error' as const;
  constructor(readonly kind: ClientProblemKind | 'config') {
    super(IessErrorEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iess-step-change': IessStepChangeEvent;
    'iess-complete': IessCompleteEvent;
    'iess-cancel': IessCancelEvent;
    'iess-error': IessErrorEvent;
  }
}
