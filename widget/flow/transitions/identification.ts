/** `identification` (step 1): BUSCAR starts the flow on the server with the step's proof of work. */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, end, enter, fail, offsetFrom, same, update } from './common.ts';

export function identification(s: StateAt<'identification'>, event: FlowEvent): Transition {
  if (s.pending) {
    if (event.type === 'flow-started') {
      const r = event.response;
      const flow = { token: r.flowToken, expiresAt: r.flowExpiresAt, case: r.case, maskedId: r.maskedId };
      const next = enter(
        s,
        'verification',
        { flow, verification: { ...r.verification }, dialog: null },
        { pending: false, problem: null, clockOffsetMs: offsetFrom(r.now, event.at) },
      );
      // Locked already: the server says until when (real and decoy alike), so the lock shows its date.
      const until = r.verification.lockedUntil;
      if (r.verification.attemptsLeft <= 0)
        return end(next, 'locked', { kind: 'attempts-spent', ...(until ? { lockedUntil: until } : {}) });
      return { state: next, effects: [] };
    }
    if (event.type === 'failed' && event.op === 'startFlow') return fail(s, event.error);
    return same(s);
  }
  if (event.type === 'identify') {
    // The identification step solves the proof of work; without its payload nothing is sent.
    if (!event.captcha) return { state: update(s, { problem: { kind: 'captcha-required' } }), effects: [] };
    return {
      state: update(s, { pending: true, problem: null, identification: event.id }),
      effects: [call({ op: 'startFlow', body: { idType: event.idType, id: event.id, captcha: event.captcha } })],
    };
  }
  return same(s);
}
