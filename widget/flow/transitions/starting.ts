/** `starting`: nothing shown yet. Opens the identification, a stored step (resume) or the e-mail link. */
import { RESUMABLE_DATA, resumableData } from '../store.ts';
import type { FlowEvent, FlowState, StateAt, Transition } from '../types.ts';
import { call, end, enter, fail, fitsMask, offsetFrom, same, update } from './common.ts';

export function starting(s: StateAt<'starting'>, event: FlowEvent): Transition {
  if (event.type === 'init' && !s.pending) {
    if (event.activationToken) {
      return {
        state: update(s, { mode: 'activation', pending: true, activationToken: event.activationToken }),
        effects: [call({ op: 'checkActivation', body: { token: event.activationToken } })],
      };
    }
    const r = event.resume;
    if (r) {
      // Back at the stored step with the server's data for it; the server still decides on the next request.
      const flow = { token: r.flowToken, expiresAt: r.flowExpiresAt, case: r.case, maskedId: r.maskedId };
      const data = resumableData(r);
      const extra =
        r.step === 'verification' || r.step === 'email' ? { dialog: null } : r.step === 'activation-sent' ? { linkTimeUp: false } : {};
      return {
        state: enter(s, r.step, {
          flow,
          ...extra,
          ...(data !== undefined ? { [RESUMABLE_DATA[r.step]]: data } : {}),
        } as never) as FlowState,
        effects: [call({ op: 'getConfig' }), ...(r.step === 'activation-sent' ? [call({ op: 'getFlowStatus' })] : [])],
      };
    }
    // The first step shows at once; the configuration loads behind it (it is not needed to type).
    return { state: enter(s, 'identification', {}), effects: [call({ op: 'getConfig' })] };
  }
  if (event.type === 'activation-checked' && s.pending && s.mode === 'activation' && s.activationToken) {
    const r = event.response;
    const clockOffsetMs = offsetFrom(r.now, event.at);
    // A link whose time is already past by the server's own clock is not used (lenient backends too).
    if (Date.parse(r.expiresAt) <= Date.parse(r.now)) return end(update(s, { clockOffsetMs }), 'expired', { kind: 'link-expired' });
    // A link for someone else than the person who typed here: their identification is dropped.
    const identification = s.identification !== undefined && fitsMask(s.identification, r.maskedId) ? s.identification : undefined;
    return {
      state: enter(
        s,
        'new-password',
        { activationToken: s.activationToken, check: r, linkTimeUp: false },
        { pending: false, clockOffsetMs, identification },
      ),
      effects: [],
    };
  }
  // The link could not be checked: the error state keeps its token, so `retry` checks it again.
  if (event.type === 'failed' && s.pending) return event.op === 'checkActivation' ? checkFailed(s, event.error) : fail(s, event.error);
  return same(s);
}

function checkFailed(s: StateAt<'starting'>, error: Parameters<typeof fail>[1]): Transition {
  const t = fail(s, error);
  return t.state.step === 'starting' ? end(s, 'error', t.state.problem!, true) : t;
}
