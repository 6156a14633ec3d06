/** The end states: `done` (FINALIZAR), `locked` and `expired` (start again), `error` (retry). */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, offsetFrom, problemOf, same, startOver, update, wipe } from './common.ts';

export function done(s: StateAt<'done'>, event: FlowEvent): Transition {
  // FINALIZAR is a real link to the portal (iess-paso-final); nothing is left to keep.
  return event.type === 'finish' ? { state: s, effects: [{ type: 'clear-store' }] } : same(s);
}

export function locked(s: StateAt<'locked'>, event: FlowEvent): Transition {
  return event.type === 'restart' ? startOver(s) : same(s);
}

/** Until when (server ms) an expired link's page waits before it may ask again: a resend's cooldown or a refusal's wait. */
export const resendWaitEnd = (s: StateAt<'expired'>): number =>
  Math.max(s.resent ? Date.parse(s.resent.resendAvailableAt) : 0, s.resendProblem?.retryUntil ?? 0);

/** Kinds of a refused resend that end what this page can do: the page then says that instead. */
const FINAL_RESEND_KINDS = ['flow-expired', 'flow-invalid', 'link-used', 'link-invalid'] as const;

/**
 * `expired`: start again, or — on an expired link's page, on any device — "Enviar un nuevo
 * correo" to the same address, for as long as the flow lives (the server applies the resend rules).
 */
export function expired(s: StateAt<'expired'>, event: FlowEvent): Transition {
  if (event.type === 'restart') return startOver(s);
  if (s.pending) {
    if (event.type === 'link-resent') {
      const r = event.response;
      return {
        state: update(s, { pending: false, resent: r.activation, resendProblem: undefined, clockOffsetMs: offsetFrom(r.now, event.at) }),
        effects: [],
      };
    }
    if (event.type === 'failed' && event.op === 'resendFromLink') {
      const kind = event.error.kind;
      if ((FINAL_RESEND_KINDS as readonly string[]).includes(kind)) {
        // The flow ended, or the link was used or replaced meanwhile: say that, and forget the token.
        return { state: wipe(s, 'expired', {}, { problem: { kind } }), effects: [{ type: 'emit', event: { name: 'error', kind } }] };
      }
      return { state: update(s, { pending: false, resendProblem: problemOf({ ...event.error }, s.clockOffsetMs) }), effects: [] };
    }
    return same(s);
  }
  if (event.type === 'resend' && s.activationToken) {
    if (s.resent?.resendsLeft === 0 || event.at + s.clockOffsetMs < resendWaitEnd(s)) return same(s);
    return {
      state: update(s, { pending: true, resendProblem: undefined }),
      effects: [call({ op: 'resendFromLink', body: { token: s.activationToken } })],
    };
  }
  return same(s);
}

export function error(s: StateAt<'error'>, event: FlowEvent): Transition {
  if (event.type !== 'retry' || s.pending) return same(s);
  const token = s.activationToken;
  // From the link page: check the link again. From the procedure: back to BUSCAR.
  if (token)
    return {
      state: wipe(s, 'starting', { activationToken: token }, { mode: 'activation', pending: true }),
      effects: [call({ op: 'checkActivation', body: { token } })],
    };
  return { state: wipe(s, 'identification', {}, { mode: 'flow' }), effects: [call({ op: 'getConfig' })] };
}
