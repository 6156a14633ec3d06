/** `security-questions` (step 4, generar only): CONTINUAR sends the chosen questions and answers. */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, enter, fail, offsetFrom, same, update } from './common.ts';

export function securityQuestions(s: StateAt<'security-questions'>, event: FlowEvent): Transition {
  if (s.pending) {
    if (event.type === 'security-questions-saved') {
      const r = event.response;
      const base = { pending: false, problem: null, clockOffsetMs: offsetFrom(r.now, event.at) };
      return { state: enter(s, 'email', { flow: s.flow, email: r.email, dialog: null }, base), effects: [] };
    }
    if (event.type === 'failed' && event.op === 'setSecurityQuestions') return fail(s, event.error);
    return same(s);
  }
  if (event.type === 'submit-security-questions') {
    return { state: update(s, { pending: true, problem: null }), effects: [call({ op: 'setSecurityQuestions', body: event.request })] };
  }
  return same(s);
}
