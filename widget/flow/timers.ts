/**
 * The timers a state needs, as data: countdown re-renders once a second, the link's and the
 * flow's expiry, status polling while waiting, and the end of a rate-limit wait. The controller
 * keeps exactly these running on its clock (keys that stay the same keep their timer).
 */
import { isEndStep, type FlowEvent, type FlowState } from './types.ts';

/** How often the waiting tab asks the server whether the link was used on another device. */
export const POLL_INTERVAL_MS = 5_000;
const TICK_MS = 1_000;

export interface WantedTimer {
  /** When it fires, on the client's clock (ms). */
  due: number;
  /** `render`: draw again (a countdown); an event: feed it to the machine. */
  fire: 'render' | Extract<FlowEvent, { type: 'link-time-up' | 'poll' | 'flow-time-up' }>;
}

/** The timers `state` needs at client time `now`, by a key that changes when the timer must. */
export function timersFor(state: FlowState, now: number): Map<string, WantedTimer> {
  const want = new Map<string, WantedTimer>();
  // Server instants are turned into client time with the clock offset (CS-13).
  const localDue = (serverInstant: string) => Date.parse(serverInstant) - state.clockOffsetMs;
  const nextSecond = now + TICK_MS - (now % TICK_MS);
  const linkExpiry = state.step === 'activation-sent' ? state.activation?.expiresAt : 'check' in state ? state.check.expiresAt : undefined;
  if (state.step === 'activation-sent' || 'check' in state) want.set(`tick:${nextSecond}`, { due: nextSecond, fire: 'render' });
  if (linkExpiry !== undefined && !('linkTimeUp' in state && state.linkTimeUp)) {
    want.set(`link:${linkExpiry}`, { due: localDue(linkExpiry), fire: { type: 'link-time-up' } });
  }
  if (state.step === 'activation-sent') want.set('poll', { due: now + POLL_INTERVAL_MS, fire: { type: 'poll' } });
  const retryUntil = state.problem?.retryUntil;
  if (retryUntil !== undefined && now + state.clockOffsetMs < retryUntil) {
    // A rate-limit wait counts down each second and re-enables the action when it ends.
    want.set(`tick:${nextSecond}`, { due: nextSecond, fire: 'render' });
    want.set(`retry:${retryUntil}`, { due: retryUntil - state.clockOffsetMs, fire: 'render' });
  }
  if (state.step === 'expired') {
    // An expired link's page after a resend: its cooldown (or a refusal's wait) counts down.
    const until = Math.max(state.resent ? Date.parse(state.resent.resendAvailableAt) : 0, state.resendProblem?.retryUntil ?? 0);
    if (now + state.clockOffsetMs < until) want.set(`tick:${nextSecond}`, { due: nextSecond, fire: 'render' });
  }
  if (state.mode === 'flow' && 'flow' in state && !isEndStep(state.step)) {
    want.set(`flow:${state.flow.expiresAt}`, { due: localDue(state.flow.expiresAt), fire: { type: 'flow-time-up' } });
  }
  return want;
}
