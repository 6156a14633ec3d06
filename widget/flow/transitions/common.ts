/**
 * What the per-step transitions share: building the next state from the fields every state has,
 * ending the flow (wiping what is personal, CS-07), turning a failed call into what the person
 * sees, and the effect that asks the controller for a call.
 */
import { clockOffset } from '../../domain/time.ts';
import type { ApiErrorKind } from '../../api/recovery-api.ts';
import type {
  ApiCall,
  ClientProblem,
  FailureInfo,
  FlowBase,
  FlowEffect,
  FlowState,
  StateAt,
  StepData,
  StepId,
  Transition,
} from '../types.ts';

export const same = (state: FlowState): Transition => ({ state, effects: [] });

export const call = (c: ApiCall): FlowEffect => ({ type: 'call', call: c });

/** The server's clock minus the client's, from an answer's `now` received at `at` (CS-13). */
export const offsetFrom = (now: string, at: number): number => clockOffset(now, at);

/** The fields every state has, from `state` (nothing that belongs to its step). */
export function baseOf(state: FlowState): FlowBase {
  const { mode, pending, problem, clockOffsetMs, config, identification } = state;
  return {
    mode,
    pending,
    problem,
    clockOffsetMs,
    ...(config ? { config } : {}),
    ...(identification !== undefined ? { identification } : {}),
  };
}

/** The state at step `step`: the common fields of `from` (changed by `base`), and that step's own data only. */
export function enter<S extends StepId>(from: FlowState, step: S, data: StepData[S], base: Partial<FlowBase> = {}): StateAt<S> {
  return { ...baseOf(from), ...base, step, ...data } as StateAt<S>;
}

/** The same step with some fields changed (a new object, so the shell sees the change). */
export const update = <S extends FlowState>(state: S, changes: Partial<S>): S => ({ ...state, ...changes });

/** A state with nothing personal or secret: used whenever the flow ends or starts over (CS-07). */
export function wipe<S extends StepId>(state: FlowState, step: S, data: StepData[S], base: Partial<FlowBase> = {}): StateAt<S> {
  const kept: FlowBase = {
    mode: state.mode,
    pending: false,
    problem: null,
    clockOffsetMs: state.clockOffsetMs,
    ...(state.config ? { config: state.config } : {}),
  };
  return { ...kept, ...base, step, ...data } as StateAt<S>;
}

/** Kinds that end the flow in `expired`. */
export const EXPIRY_KINDS: readonly ApiErrorKind[] = ['flow-expired', 'flow-invalid', 'link-expired', 'link-used', 'link-invalid'];

export function problemOf(error: FailureInfo, clockOffsetMs = 0): ClientProblem {
  const p: ClientProblem = { kind: error.kind };
  if (error.attemptsLeft !== undefined) p.attemptsLeft = error.attemptsLeft;
  if (error.lockedUntil !== undefined) p.lockedUntil = error.lockedUntil;
  if (error.retryAfter !== undefined) p.retryAfter = error.retryAfter;
  if (error.kind === 'rate-limited' && error.retryAfter !== undefined && error.retryAfter > 0) {
    // The wait is counted on the server's clock: from the problem's `now`, else from arrival.
    const serverAt = error.now !== undefined ? Date.parse(error.now) : NaN;
    const base = Number.isFinite(serverAt) ? serverAt : error.receivedAt !== undefined ? error.receivedAt + clockOffsetMs : NaN;
    if (Number.isFinite(base)) p.retryUntil = base + error.retryAfter * 1000;
  }
  if (error.fieldErrors !== undefined) p.fieldErrors = error.fieldErrors;
  return p;
}

/** Kinds after which the link's page can still ask for a new mail: the link expired (it still proves the mailbox). */
export const RESENDABLE_KINDS: readonly ClientProblem['kind'][] = ['link-expired', 'link-time-up'];

/**
 * Moves to an end state, wiping secrets; `keepForRetry` keeps the activation token so `retry`
 * checks the link again. An expired link keeps its token too: "Enviar un nuevo correo" needs it.
 */
export function end(state: FlowState, step: 'locked' | 'expired' | 'error', problem: ClientProblem, keepForRetry = false): Transition {
  const keep = keepForRetry || (step === 'expired' && RESENDABLE_KINDS.includes(problem.kind));
  const token = keep && 'activationToken' in state ? state.activationToken : undefined;
  const data =
    step === 'locked'
      ? problem.lockedUntil
        ? { lockedUntil: problem.lockedUntil }
        : {}
      : (step === 'error' || step === 'expired') && token
        ? { activationToken: token }
        : {};
  return {
    state: wipe(state, step, data, { problem }),
    effects: [{ type: 'emit', event: { name: 'error', kind: problem.kind } }, { type: 'clear-store' }],
  };
}

/** Back to BUSCAR with nothing kept; loads the config first when the widget opened from a link. */
export function startOver(state: FlowState): Transition {
  return { state: wipe(state, 'identification', {}, { mode: 'flow' }), effects: state.config ? [] : [call({ op: 'getConfig' })] };
}

/**
 * A call of the current step failed. Locks and expiries end the flow; anything else stays on the
 * step with the problem shown and the request no longer pending.
 */
export function fail(state: FlowState, error: FailureInfo): Transition {
  if (error.kind === 'locked')
    return end(state, 'locked', { kind: 'locked', ...(error.lockedUntil ? { lockedUntil: error.lockedUntil } : {}) });
  if (EXPIRY_KINDS.includes(error.kind)) return end(state, 'expired', { kind: error.kind });
  const withoutDialog = 'dialog' in state ? { dialog: null, draft: undefined } : {};
  return {
    state: { ...state, ...withoutDialog, pending: false, problem: problemOf(error, state.clockOffsetMs) } as FlowState,
    effects: [],
  };
}

/** True when `id` could be what `masked` hides: same length, every shown character equal. */
export function fitsMask(id: string, masked: string): boolean {
  const a = [...id];
  const b = [...masked];
  return a.length === b.length && b.every((c, i) => c === '*' || c === a[i]);
}
