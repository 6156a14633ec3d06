/**
 * The page the e-mail's CLIC PARA CONTINUAR opens: `new-password` (the procedure's steps 11 and
 * 12 on one page: the declaration ticked, the password twice, GENERAR). The link's time is watched.
 */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, end, fail, same, update, wipe } from './common.ts';

export function newPassword(s: StateAt<'new-password'>, event: FlowEvent): Transition {
  if (event.type === 'link-time-up') {
    // While a request is in flight the server decides; otherwise nothing more is sent.
    return s.pending ? { state: update(s, { linkTimeUp: true }), effects: [] } : end(s, 'expired', { kind: 'link-time-up' });
  }
  if (s.pending) {
    if (event.type === 'activation-completed') {
      const r = event.response;
      return {
        state: wipe(s, 'done', { outcome: { case: r.case, completedAt: r.completedAt } }),
        effects: [{ type: 'broadcast-completed' }, { type: 'emit', event: { name: 'complete', case: r.case } }, { type: 'clear-store' }],
      };
    }
    if (event.type === 'failed' && event.op === 'completeActivation') {
      const t = fail(s, event.error);
      return t.state.step === 'new-password' && s.linkTimeUp ? end(s, 'expired', { kind: 'link-time-up' }) : t;
    }
    return same(s);
  }
  if (event.type === 'submit-password' && !s.linkTimeUp) {
    const { password, passwordConfirmation } = event;
    const body = {
      token: s.activationToken,
      declarationAccepted: true as const,
      declarationVersion: s.check.declaration.version,
      password,
      passwordConfirmation,
    };
    return { state: update(s, { pending: true, problem: null }), effects: [call({ op: 'completeActivation', body })] };
  }
  return same(s);
}
