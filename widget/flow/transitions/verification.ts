/** `verification` (step 2): CONTINUAR opens the confirm dialog; ACEPTAR sends day, month and answers. */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, end, enter, fail, offsetFrom, problemOf, same, update } from './common.ts';

export function verification(s: StateAt<'verification'>, event: FlowEvent): Transition {
  const v = s.verification;
  if (s.pending) {
    if (event.type === 'verified') {
      const r = event.response;
      const base = { pending: false, problem: null, clockOffsetMs: offsetFrom(r.now, event.at) };
      if (r.next === 'security-questions' && r.securityQuestions) {
        return { state: enter(s, 'security-questions', { flow: s.flow, securityQuestions: r.securityQuestions }, base), effects: [] };
      }
      return { state: enter(s, 'email', { flow: s.flow, email: r.email, dialog: null }, base), effects: [] };
    }
    if (event.type === 'failed' && event.op === 'verify') return verifyFailed(s, event.error);
    return same(s);
  }
  if (event.type === 'submit-verification' && s.dialog === null) {
    // Client-side limit: once the attempts are spent nothing is sent, whatever the backend says.
    if (v.attemptsLeft <= 0) return { state: update(s, { problem: { kind: 'attempts-spent' } }), effects: [] };
    return { state: update(s, { dialog: 'confirm-verification', draft: event.request }), effects: [] };
  }
  if (event.type === 'confirm' && s.dialog === 'confirm-verification' && s.draft) {
    if (v.attemptsLeft <= 0) return same(s);
    return {
      state: update(s, { dialog: null, draft: undefined, pending: true, problem: null }),
      effects: [call({ op: 'verify', body: s.draft })],
    };
  }
  if (event.type === 'dismiss' && s.dialog === 'confirm-verification')
    return { state: update(s, { dialog: null, draft: undefined }), effects: [] };
  return same(s);
}

/** A wrong answer counts down the attempts; the last one locks (the server says so too). */
function verifyFailed(s: StateAt<'verification'>, error: Parameters<typeof fail>[1]): Transition {
  if (error.kind !== 'verification-failed') return fail(s, error);
  const attemptsLeft = error.attemptsLeft ?? Math.max(0, s.verification.attemptsLeft - 1);
  if (attemptsLeft <= 0) return end(s, 'locked', { kind: 'attempts-spent' });
  const verification = { ...s.verification, attemptsLeft };
  return {
    state: update(s, { pending: false, dialog: null, draft: undefined, problem: problemOf(error, s.clockOffsetMs), verification }),
    effects: [],
  };
}
