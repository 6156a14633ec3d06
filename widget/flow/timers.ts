/**
 * The timers a state needs, as data: countdown re-renders once a second, the link's and the
 * flow's expiry, status polling while waiting, and the end of a rate-limit wait. The controller
 * keeps exactly these running on its clock (keys that stay the same keep their timer).
 */
import { MILESTONES } from '../domain/time.ts';
import { resendWaitEnd } from './transitions/end-states.ts';
import { isEndStep, isOver, type FlowEvent, type FlowState } from './types.ts';

/** How often the waiting tab asks the server whether the link was used on another device. */
export const POLL_INTERVAL_MS = 5_000;
const TICK_MS = 1_000;

export interface WantedTimer {
  /** When it fires, on the client's clock (ms). */
  due: number;
  /** `render`: draw again (a countdown); an event: feed it to the machine. */
  fire: 'render' | Extract<FlowEvent, { type: 'link-time-up' | 'poll' | 'flow-time-up' }>;
}

/** The kinds of time limit a person may face: the e-mail link, the flow, a lock, a rate-limit wait. */
export type TimerKind = 'sent' | 'link' | 'flow' | 'lock' | 'retry';

/** A time limit running in `state`, ending at `endsAt` on the SERVER's clock (epoch ms). */
export interface RunningTimer {
  kind: TimerKind;
  endsAt: number;
  /** The step stays when it ends and the timer says so itself; otherwise an end state says it. */
  saysEnd: boolean;
}

/**
 * Every time limit `state` shows, for the one announcement mechanism (shell/live-region.ts): the
 * link on the waiting step (`sent`) and on its own page (`link`), the flow's lifetime, a lock,
 * a rate-limit wait.
 */
export function runningTimers(state: FlowState): RunningTimer[] {
  const running: RunningTimer[] = [];
  const add = (kind: TimerKind, instant: string | number | undefined, saysEnd: boolean) => {
    const endsAt = typeof instant === 'string' ? Date.parse(instant) : instant;
    if (endsAt !== undefined && Number.isFinite(endsAt)) running.push({ kind, endsAt, saysEnd });
  };
  if (state.step === 'activation-sent') add('sent', state.activation?.expiresAt, true);
  if ('check' in state) add('link', state.check.expiresAt, false);
  if (state.mode === 'flow' && 'flow' in state && !isOver(state)) add('flow', state.flow.expiresAt, false);
  if (state.step === 'locked') add('lock', state.lockedUntil, true);
  if (!isEndStep(state.step)) add('retry', state.problem?.retryUntil, true);
  return running;
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
    if (now + state.clockOffsetMs < resendWaitEnd(state)) want.set(`tick:${nextSecond}`, { due: nextSecond, fire: 'render' });
  }
  if (state.mode === 'flow' && 'flow' in state && !isOver(state)) {
    want.set(`flow:${state.flow.expiresAt}`, { due: localDue(state.flow.expiresAt), fire: { type: 'flow-time-up' } });
  }
  // Each timer's milestones redraw the page, so its notice (and the live region) changes right then.
  for (const t of runningTimers(state)) {
    for (const m of MILESTONES) {
      const due = t.endsAt - m * 1000 - state.clockOffsetMs;
      if (due > now && (m > 0 || t.saysEnd)) want.set(`milestone:${t.kind}:${t.endsAt}:${m}`, { due, fire: 'render' });
    }
  }
  return want;
}
