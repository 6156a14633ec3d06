/**
 * `email` (step 5): CONTINUAR opens the confirm dialog; ACEPTAR sends the link to the chosen address.
 * With no address on record and none registrable online, the step only says so (FINALIZAR).
 */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, enter, fail, offsetFrom, same, update } from './common.ts';

export function email(s: StateAt<'email'>, event: FlowEvent): Transition {
  if (s.pending) {
    if (event.type === 'activation-sent') {
      const r = event.response;
      const base = { pending: false, problem: null, clockOffsetMs: offsetFrom(r.now, event.at) };
      return {
        state: enter(s, 'activation-sent', { flow: s.flow, activation: r.activation, linkTimeUp: false, typedEmail: s.sending }, base),
        effects: [],
      };
    }
    if (event.type === 'failed' && event.op === 'sendActivation') return fail(s, event.error);
    return same(s);
  }
  // An address only registered in person: nothing more to do here; FINALIZAR is a real link to the portal.
  if (s.email.inPersonOnly) return event.type === 'finish' ? { state: s, effects: [{ type: 'clear-store' }] } : same(s);
  if (event.type === 'submit-email' && s.dialog === null) {
    if (event.request.mode === 'on-record' && !s.email.onRecord) return same(s);
    return { state: update(s, { dialog: 'confirm-email', draft: event.request }), effects: [] };
  }
  if (event.type === 'confirm' && s.dialog === 'confirm-email' && s.draft) {
    const sending = s.draft.mode === 'new' ? s.draft.email : undefined;
    return {
      state: update(s, { dialog: null, draft: undefined, pending: true, problem: null, sending }),
      effects: [call({ op: 'sendActivation', body: s.draft })],
    };
  }
  if (event.type === 'back' && s.changing && s.dialog === null) {
    // Changed their mind: the waiting step as it was (its link still works).
    return {
      state: enter(s, 'activation-sent', { flow: s.flow, linkTimeUp: false, ...s.changing }, { problem: null }),
      effects: [call({ op: 'getFlowStatus' })],
    };
  }
  if (event.type === 'dismiss' && s.dialog === 'confirm-email')
    return { state: update(s, { dialog: null, draft: undefined }), effects: [] };
  return same(s);
}
