/** The end states: `done` (FINALIZAR), `locked` and `expired` (start again), `error` (retry). */
import type { FlowEvent, StateAt, Transition } from '../types.ts';
import { call, same, startOver, wipe } from './common.ts';

export function done(s: StateAt<'done'>, event: FlowEvent): Transition {
  // FINALIZAR is a real link to the portal (iess-paso-final); nothing is left to keep.
  return event.type === 'finish' ? { state: s, effects: [{ type: 'clear-store' }] } : same(s);
}

export function lockedOrExpired(s: StateAt<'locked' | 'expired'>, event: FlowEvent): Transition {
  return event.type === 'restart' ? startOver(s) : same(s);
}

export function error(s: StateAt<'error'>, event: FlowEvent): Transition {
  if (event.type !== 'retry' || s.pending) return same(s);
  const token = s.activationToken;
  // From the link page: check the link again. From the procedure: back to BUSCAR.
  if (token) return { state: wipe(s, 'starting', { activationToken: token }, { mode: 'activation', pending: true }), effects: [call({ op: 'checkActivation', body: { token } })] };
  return { state: wipe(s, 'identification', {}, { mode: 'flow' }), effects: [call({ op: 'getConfig' })] };
}
