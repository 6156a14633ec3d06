/**
 * The flow machine: `transition(state, event) -> { state, effects }`, pure and synchronous.
 * The controller runs the effects (API calls, timers, events) and feeds the results back as events.
 * An event that does not fit the current state returns the SAME state object and no effects, which
 * is how double submits, late answers and client-side limits are refused (CS-12, CS-13).
 * Each step's own transitions are in ./transitions/ (one function per step); this module handles
 * what applies in every step and what follows every transition (the resume store, step-change).
 */
import type { Case } from '../api/contract.ts';
import { RESUMABLE_DATA, pickResumable } from './store.ts';
import { end, EXPIRY_KINDS, fitsMask, offsetFrom, problemOf, same, startOver, wipe } from './transitions/common.ts';
import { done, error, expired, locked } from './transitions/end-states.ts';
import { identification } from './transitions/identification.ts';
import { starting } from './transitions/starting.ts';
import {
  isEndStep,
  isOver,
  type FlowEvent,
  type FlowFields,
  type FlowState,
  type ResumableFlow,
  type StepId,
  type StepTransitions,
  type Transition,
} from './types.ts';

export { fitsMask };

export const initialState: FlowState = Object.freeze({ step: 'starting', mode: 'flow', pending: false, problem: null, clockOffsetMs: 0 });

const STEPS_BY_CASE: Record<Case, readonly StepId[]> = {
  recuperar: ['identification', 'verification', 'email', 'activation-sent', 'new-password'],
  generar: ['identification', 'verification', 'security-questions', 'email', 'activation-sent', 'new-password'],
};

/**
 * "Paso N de M", or null for states that are not steps. Before BUSCAR the case (5 or 6 steps) is
 * unknown: the total is null then, so the count never changes its mind ("1 de 5" → "2 de 6").
 */
export function progress(state: FlowState): { index: number; total: number | null } | null {
  const c = 'flow' in state ? state.flow.case : 'check' in state ? state.check.case : undefined;
  const i = isOver(state) ? -1 : STEPS_BY_CASE[c ?? 'recuperar'].indexOf(state.step);
  return i < 0 ? null : { index: i + 1, total: c ? STEPS_BY_CASE[c].length : null };
}

/** The current time on the server's clock, estimated from the client clock and the last offset. */
export function serverNow(state: FlowState, clientNow: number): number {
  return clientNow + state.clockOffsetMs;
}

/**
 * The steps the first load can reach on its own: the first step, and the end states a refusal
 * leads to (so that retry, restart and FINALIZAR work even when the later steps could not load).
 * The steps between join when ./later-steps.ts loads.
 */
const STEPS: Partial<StepTransitions> = { starting, identification, done, locked, expired, error };

let laterSteps: Promise<void> | undefined;

/**
 * Loads the transitions of the steps between the first and the end states (./later-steps.ts),
 * once; a failed load is tried again on the next call. The controller awaits it before it feeds in
 * any answer or resumes a stored step: nothing else leads to those steps.
 */
export function loadLaterSteps(): Promise<void> {
  laterSteps ??= import('./later-steps.ts').then(
    (m) => void Object.assign(STEPS, m.LATER_STEPS),
    (error: unknown) => {
      laterSteps = undefined;
      throw error;
    },
  );
  return laterSteps;
}

/** The snapshot to keep for this state, or null when it is not a step that resumes (CS-07). */
function resumable(state: FlowState): ResumableFlow | null {
  if (!Object.hasOwn(RESUMABLE_DATA, state.step) || state.mode !== 'flow' || !('flow' in state)) return null;
  const key = RESUMABLE_DATA[state.step as ResumableFlow['step']];
  const f = state.flow;
  const data = (state as FlowFields)[key];
  return pickResumable({
    step: state.step,
    flowToken: f.token,
    flowExpiresAt: f.expiresAt,
    case: f.case,
    maskedId: f.maskedId,
    [key]: data,
  } as ResumableFlow);
}

/** Events that mean the same in every step. */
function onAny(state: FlowState, event: FlowEvent): Transition | null {
  switch (event.type) {
    case 'link-opened': {
      // Whatever was going on, the link wins; only the identification typed here is carried over.
      const id = state.identification;
      return {
        state: wipe(
          state,
          'starting',
          { activationToken: event.activationToken },
          { mode: 'activation', pending: true, ...(id ? { identification: id } : {}) },
        ),
        effects: [{ type: 'call', call: { op: 'checkActivation', body: { token: event.activationToken } } }],
      };
    }
    case 'cancel': {
      if (isEndStep(state.step) && state.step !== 'error') return null;
      const t = startOver(state);
      return {
        state: t.state,
        effects: [{ type: 'emit', event: { name: 'cancel', step: state.step } }, { type: 'clear-store' }, ...t.effects],
      };
    }
    case 'page-hidden':
      // Nothing personal survives in a page kept in the back/forward cache (CS-07). The resume
      // store is kept: it holds no secret, and a page shown again resumes the stored step from it.
      return { state: wipe(state, 'starting', {}, { mode: 'flow' }), effects: [] };
    case 'flow-time-up':
      if (state.mode !== 'flow' || !('flow' in state) || isOver(state)) return null;
      return end(state, 'expired', { kind: 'flow-expired' });
    case 'extend':
    case 'flow-extended':
      return extension(state, event);
    case 'failed':
      return event.op === 'extendFlow' ? extension(state, event) : null;
    default:
      return null;
  }
}

/**
 * "Necesito más tiempo" (WCAG 2.2.1) on any step of a live flow: the server extends it; the step
 * and what was typed in it stay as they are. A refusal is said on the step; an expired flow ends.
 */
function extension(state: FlowState, event: FlowEvent): Transition {
  if (state.mode !== 'flow' || !('flow' in state) || isOver(state)) return same(state);
  if (event.type === 'extend')
    return state.extending
      ? same(state)
      : { state: { ...state, extending: true }, effects: [{ type: 'call', call: { op: 'extendFlow' } }] };
  if (!state.extending) return same(state);
  if (event.type === 'flow-extended') {
    const r = event.response;
    const flow = { ...state.flow, expiresAt: r.flowExpiresAt, extensionsLeft: r.extensionsLeft };
    return { state: { ...state, extending: false, flow, clockOffsetMs: offsetFrom(r.now, event.at) } as FlowState, effects: [] };
  }
  if (event.type !== 'failed') return same(state);
  if (EXPIRY_KINDS.includes(event.error.kind)) return end(state, 'expired', { kind: event.error.kind });
  const flow = event.error.kind === 'extension-limit' ? { ...state.flow, extensionsLeft: 0 } : state.flow;
  return { state: { ...state, extending: false, flow, problem: problemOf(event.error, state.clockOffsetMs) } as FlowState, effects: [] };
}

/**
 * The configuration loads behind the first step; its arrival only refreshes it (and the clock
 * offset). If it cannot load, the step the person is using says so and stays usable.
 */
function refreshConfig(state: FlowState, event: FlowEvent): Transition | null {
  if (event.type === 'failed' && event.op === 'getConfig') {
    if (state.step === 'starting' || isEndStep(state.step) || state.pending) return same(state);
    return { state: { ...state, problem: problemOf(event.error, state.clockOffsetMs) }, effects: [] };
  }
  if (event.type !== 'config-loaded') return null;
  const clockOffsetMs = 'flow' in state || 'check' in state ? state.clockOffsetMs : offsetFrom(event.response.now, event.at);
  return { state: { ...state, config: event.response, clockOffsetMs }, effects: [] };
}

export function transition(state: FlowState, event: FlowEvent): Transition {
  // A step whose transitions are not loaded takes no event of its own (cannot happen through the
  // controller: see loadLaterSteps).
  const ofStep = STEPS[state.step] as ((state: FlowState, event: FlowEvent) => Transition) | undefined;
  const t = onAny(state, event) ?? refreshConfig(state, event) ?? ofStep?.(state, event) ?? same(state);
  // A resumable step is kept whenever it is entered or its server data or expiry changes (never what was typed).
  const r = t.state !== state ? resumable(t.state) : null;
  if (r) {
    const key = RESUMABLE_DATA[r.step];
    const before = state as FlowFields;
    if (r.step !== state.step || (t.state as FlowFields)[key] !== before[key] || r.flowExpiresAt !== before.flow?.expiresAt) {
      t.effects.push({ type: 'store', flow: r });
    }
  }
  // 'starting' is internal (a link opening, a hidden page): the public never sees it.
  if (t.state.step !== state.step && t.state.step !== 'starting') {
    t.effects.push({ type: 'emit', event: { name: 'step-change', step: t.state.step, previous: state.step } });
  }
  return t;
}
