/**
 * The flow machine: `transition(state, event) -> { state, effects }`, pure and synchronous.
 * The controller runs the effects (API calls, timers, events) and feeds the results back as events.
 * An event that does not fit the current state returns the SAME state object and no effects, which
 * is how double submits, late answers and client-side limits are refused (CS-12, CS-13).
 */
import type { ApiErrorKind } from '../api/recovery-api.ts';
import type { Case } from '../api/contract.ts';
import type {
  ClientProblem,
  FailureInfo,
  FlowEffect,
  FlowEvent,
  FlowState,
  ResumableFlow,
  ResumableStep,
  StepId,
  Transition,
} from './types.ts';
import { RESUMABLE_DATA, pickResumable, resumableData } from './store.ts';

export const initialState: FlowState = Object.freeze({
  step: 'starting',
  mode: 'flow',
  dialog: null,
  pending: false,
  problem: null,
  clockOffsetMs: 0,
  linkTimeUp: false,
}) as FlowState;

const STEPS_BY_CASE: Record<Case, readonly StepId[]> = {
  recuperar: ['identification', 'verification', 'email', 'activation-sent', 'declaration', 'new-password'],
  generar: [
    'identification',
    'verification',
    'security-questions',
    'email',
    'activation-sent',
    'declaration',
    'new-password',
  ],
};

/** "Paso N de M", or null for states that are not steps. Before BUSCAR the case is unknown: count recuperar's. */
export function progress(state: FlowState): { index: number; total: number } | null {
  const c = state.flow?.case ?? state.check?.case ?? 'recuperar';
  const steps = STEPS_BY_CASE[c];
  const i = steps.indexOf(state.step);
  return i < 0 ? null : { index: i + 1, total: steps.length };
}

/** Steps where the person may act; the end states and `starting` are not. */
export const END_STEPS: readonly StepId[] = ['done', 'locked', 'expired', 'error'];

const same = (state: FlowState): Transition => ({ state, effects: [] });

function offsetFrom(now: string, at: number): number {
  const server = Date.parse(now);
  return Number.isFinite(server) ? server - at : 0;
}

/** The current time on the server's clock, estimated from the client clock and the last offset. */
export function serverNow(state: FlowState, clientNow: number): number {
  return clientNow + state.clockOffsetMs;
}

/** Clear everything personal or secret: used whenever the flow ends (CS-07). */
function wipe(state: FlowState, step: StepId, extra: Partial<FlowState> = {}): FlowState {
  return {
    step,
    mode: state.mode,
    dialog: null,
    pending: false,
    problem: null,
    clockOffsetMs: state.clockOffsetMs,
    config: state.config,
    linkTimeUp: false,
    ...extra,
  };
}

/** Kinds that end the flow in `expired`. */
const EXPIRY_KINDS: readonly ApiErrorKind[] = ['flow-expired', 'flow-invalid', 'link-expired', 'link-used', 'link-invalid'];

function problemOf(error: FailureInfo, clockOffsetMs = 0): ClientProblem {
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

/** The snapshot to keep for this state, or null when it is not a step that resumes (CS-07). */
function resumable(state: FlowState): ResumableFlow | null {
  const key = Object.hasOwn(RESUMABLE_DATA, state.step) ? RESUMABLE_DATA[state.step as ResumableStep] : undefined;
  if (!key || !state.flow || state.mode !== 'flow') return null;
  const f = state.flow;
  return pickResumable({ step: state.step, flowToken: f.token, flowExpiresAt: f.expiresAt, case: f.case, maskedId: f.maskedId, [key]: state[key] } as ResumableFlow);
}

function fail(state: FlowState, op: string, error: FailureInfo): Transition {
  // A failed poll changes nothing: the next poll or the timer will tell.
  if (op === 'getFlowStatus') {
    if (EXPIRY_KINDS.includes(error.kind) && state.step === 'activation-sent') {
      return end(state, 'expired', { kind: error.kind });
    }
    return same(state);
  }
  if (error.kind === 'locked') {
    const lockedUntil = error.lockedUntil;
    return end(state, 'locked', { kind: 'locked', ...(lockedUntil ? { lockedUntil } : {}) }, lockedUntil ? { lockedUntil } : {});
  }
  if (EXPIRY_KINDS.includes(error.kind)) return end(state, 'expired', { kind: error.kind });
  if (op === 'getConfig' || op === 'checkActivation') return end(state, 'error', problemOf(error, state.clockOffsetMs), {}, true);

  const next: FlowState = { ...state, pending: false, dialog: null, problem: problemOf(error, state.clockOffsetMs) };
  if (op === 'verify' && error.kind === 'verification-failed' && state.verification) {
    const attemptsLeft = error.attemptsLeft ?? Math.max(0, state.verification.attemptsLeft - 1);
    if (attemptsLeft <= 0) return end(state, 'locked', { kind: 'attempts-spent' });
    return { state: { ...next, verification: { ...state.verification, attemptsLeft } }, effects: [] };
  }
  if (op === 'completeActivation' && error.kind === 'password-rejected') return { state: next, effects: [] };
  return { state: next, effects: [] };
}

/** Move to an end state, wiping secrets; `keepForRetry` keeps the activation token for `retry`. */
function end(
  state: FlowState,
  step: 'locked' | 'expired' | 'error',
  problem: ClientProblem,
  extra: Partial<FlowState> = {},
  keepForRetry = false,
): Transition {
  const keep: Partial<FlowState> =
    keepForRetry && state.activationToken ? { activationToken: state.activationToken } : {};
  return {
    state: wipe(state, step, { problem, ...keep, ...extra }),
    effects: [{ type: 'emit', event: { name: 'error', kind: problem.kind } }, { type: 'clear-store' }],
  };
}

/** Back to BUSCAR with nothing kept; loads the config first when the widget opened from a link. */
function startOver(state: FlowState): Transition {
  return { state: wipe(state, 'identification', { mode: 'flow' }), effects: state.config ? [] : [call({ op: 'getConfig' })] };
}

function call(c: Extract<FlowEffect, { type: 'call' }>['call']): FlowEffect {
  return { type: 'call', call: c };
}

/** True when `id` could be what `masked` hides: same length, every shown character equal. */
export function fitsMask(id: string, masked: string): boolean {
  const a = [...id];
  const b = [...masked];
  return a.length === b.length && b.every((c, i) => c === '*' || c === a[i]);
}

function onAny(state: FlowState, event: FlowEvent): Transition | null {
  switch (event.type) {
    case 'link-opened': {
      // Whatever was going on, the link wins; only the identification typed here is carried over.
      const id = state.identification;
      return {
        state: { ...wipe(state, 'starting', { mode: 'activation', pending: true, activationToken: event.activationToken }), ...(id ? { identification: id } : {}) },
        effects: [call({ op: 'checkActivation', body: { token: event.activationToken } })],
      };
    }
    case 'cancel':
      if (END_STEPS.includes(state.step) && state.step !== 'error') return null;
      {
        const t = startOver(state);
        return { state: t.state, effects: [{ type: 'emit', event: { name: 'cancel', step: state.step } }, { type: 'clear-store' }, ...t.effects] };
      }
    case 'page-hidden':
      // Nothing personal survives in a page kept in the back/forward cache (CS-07). The resume
      // store is kept: it holds no secret, and a page shown again resumes the stored step from it.
      return { state: wipe(state, 'starting', { mode: 'flow' }), effects: [] };
    case 'flow-time-up':
      if (state.mode !== 'flow' || !state.flow || END_STEPS.includes(state.step)) return null;
      return end(state, 'expired', { kind: 'flow-expired' });
    default:
      return null;
  }
}

function step(state: FlowState, event: FlowEvent): Transition {
  const s = state;
  switch (s.step) {
    case 'starting':
      if (event.type === 'init' && !s.pending) {
        if (event.activationToken) {
          return {
            state: { ...s, mode: 'activation', pending: true, activationToken: event.activationToken },
            effects: [call({ op: 'checkActivation', body: { token: event.activationToken } })],
          };
        }
        const r = event.resume;
        if (r) {
          // Back at the stored step with the server's data for it; the server still decides on the next request.
          const flow = { token: r.flowToken, expiresAt: r.flowExpiresAt, case: r.case, maskedId: r.maskedId };
          const key = RESUMABLE_DATA[r.step];
          const data = resumableData(r);
          return {
            state: { ...s, step: r.step, flow, ...(data !== undefined ? { [key]: data } : {}) },
            effects: [call({ op: 'getConfig' }), ...(r.step === 'activation-sent' ? [call({ op: 'getFlowStatus' })] : [])],
          };
        }
        // The first step shows at once; the configuration loads behind it (it is not needed to type).
        return { state: { ...s, step: 'identification' }, effects: [call({ op: 'getConfig' })] };
      }
      if (event.type === 'activation-checked' && s.pending && s.mode === 'activation') {
        const offset = offsetFrom(event.response.now, event.at);
        // A link whose time is already past by the server's own clock is not used (lenient backends too).
        if (Date.parse(event.response.expiresAt) <= Date.parse(event.response.now)) {
          return end({ ...s, clockOffsetMs: offset }, 'expired', { kind: 'link-expired' });
        }
        // A link for someone else than the person who typed here: their identification is dropped.
        const keepId = s.identification !== undefined && fitsMask(s.identification, event.response.maskedId);
        return {
          state: { ...s, step: 'declaration', pending: false, check: event.response, clockOffsetMs: offset, identification: keepId ? s.identification : undefined },
          effects: [],
        };
      }
      if (event.type === 'failed' && s.pending) return fail(s, event.op, event.error);
      return same(s);

    case 'identification':
      if (s.pending) {
        if (event.type === 'flow-started') {
          const r = event.response;
          const flow = { token: r.flowToken, expiresAt: r.flowExpiresAt, case: r.case, maskedId: r.maskedId };
          const next: FlowState = {
            ...s,
            pending: false,
            problem: null,
            clockOffsetMs: offsetFrom(r.now, event.at),
            flow,
            verification: { ...r.verification },
          };
          if (r.verification.attemptsLeft <= 0) return end(next, 'locked', { kind: 'attempts-spent' });
          return { state: { ...next, step: 'verification' }, effects: [] };
        }
        if (event.type === 'failed' && event.op === 'startFlow') return fail(s, event.op, event.error);
        return same(s);
      }
      if (event.type === 'identify') {
        // The identification step solves the proof of work; without its payload nothing is sent.
        if (!event.captcha) return { state: { ...s, problem: { kind: 'captcha-required' } }, effects: [] };
        return {
          state: { ...s, pending: true, problem: null, identification: event.id },
          effects: [call({ op: 'startFlow', body: { idType: event.idType, id: event.id, captcha: event.captcha } })],
        };
      }
      return same(s);

    case 'verification': {
      const v = s.verification;
      if (!v) return same(s);
      if (s.pending) {
        if (event.type === 'verified') {
          const r = event.response;
          const base: FlowState = {
            ...s,
            pending: false,
            problem: null,
            draft: undefined,
            clockOffsetMs: offsetFrom(r.now, event.at),
            email: r.email,
          };
          if (r.next === 'security-questions' && r.securityQuestions) {
            return { state: { ...base, step: 'security-questions', securityQuestions: r.securityQuestions }, effects: [] };
          }
          return { state: { ...base, step: 'email' }, effects: [] };
        }
        if (event.type === 'failed' && event.op === 'verify') return fail({ ...s, draft: undefined }, event.op, event.error);
        return same(s);
      }
      if (event.type === 'submit-verification' && s.dialog === null) {
        // Client-side limit: once the attempts are spent nothing is sent, whatever the backend says.
        if (v.attemptsLeft <= 0) return { state: { ...s, problem: { kind: 'attempts-spent' } }, effects: [] };
        return { state: { ...s, dialog: 'confirm-verification', draft: { verify: event.request } }, effects: [] };
      }
      if (event.type === 'confirm' && s.dialog === 'confirm-verification' && s.draft?.verify) {
        if (v.attemptsLeft <= 0) return same(s);
        return {
          state: { ...s, dialog: null, pending: true, problem: null },
          effects: [call({ op: 'verify', body: s.draft.verify })],
        };
      }
      if (event.type === 'dismiss' && s.dialog === 'confirm-verification') {
        return { state: { ...s, dialog: null, draft: undefined }, effects: [] };
      }
      return same(s);
    }

    case 'security-questions':
      if (s.pending) {
        if (event.type === 'security-questions-saved') {
          return {
            state: { ...s, step: 'email', pending: false, problem: null, email: event.response.email, clockOffsetMs: offsetFrom(event.response.now, event.at) },
            effects: [],
          };
        }
        if (event.type === 'failed' && event.op === 'setSecurityQuestions') return fail(s, event.op, event.error);
        return same(s);
      }
      if (event.type === 'submit-security-questions') {
        return {
          state: { ...s, pending: true, problem: null },
          effects: [call({ op: 'setSecurityQuestions', body: event.request })],
        };
      }
      return same(s);

    case 'email':
      if (s.pending) {
        if (event.type === 'activation-sent') {
          const next: FlowState = {
            ...s,
            step: 'activation-sent',
            pending: false,
            problem: null,
            draft: undefined,
            activation: event.response.activation,
            linkTimeUp: false,
            clockOffsetMs: offsetFrom(event.response.now, event.at),
          };
          return { state: next, effects: [] };
        }
        if (event.type === 'failed' && event.op === 'sendActivation') return fail({ ...s, draft: undefined }, event.op, event.error);
        return same(s);
      }
      if (event.type === 'submit-email' && s.dialog === null) {
        if (event.request.mode === 'on-record' && !s.email?.onRecord) return same(s);
        return { state: { ...s, dialog: 'confirm-email', draft: { email: event.request } }, effects: [] };
      }
      if (event.type === 'confirm' && s.dialog === 'confirm-email' && s.draft?.email) {
        return {
          state: { ...s, dialog: null, pending: true, problem: null },
          effects: [call({ op: 'sendActivation', body: s.draft.email })],
        };
      }
      if (event.type === 'dismiss' && s.dialog === 'confirm-email') {
        return { state: { ...s, dialog: null, draft: undefined }, effects: [] };
      }
      return same(s);

    case 'activation-sent': {
      if (event.type === 'status') {
        const r = event.response;
        const base: FlowState = { ...s, clockOffsetMs: offsetFrom(r.now, event.at), flow: s.flow && { ...s.flow, expiresAt: r.flowExpiresAt } };
        if (r.step === 'completed') {
          return {
            state: wipe(base, 'done', { outcome: { case: r.case, completedAt: r.now } }),
            effects: [{ type: 'emit', event: { name: 'complete', case: r.case } }, { type: 'clear-store' }],
          };
        }
        if (r.step === 'activation-sent' && r.activation) {
          const changed = r.activation.expiresAt !== s.activation?.expiresAt;
          return { state: { ...base, activation: r.activation, linkTimeUp: changed ? false : s.linkTimeUp }, effects: [] };
        }
        return { state: base, effects: [] };
      }
      if (event.type === 'poll' || event.type === 'completed-elsewhere') {
        return { state: s, effects: [call({ op: 'getFlowStatus' })] };
      }
      if (event.type === 'link-time-up') {
        return s.linkTimeUp ? same(s) : { state: { ...s, linkTimeUp: true }, effects: [] };
      }
      if (s.pending) {
        if (event.type === 'activation-sent') {
          const next: FlowState = {
            ...s,
            pending: false,
            problem: null,
            activation: event.response.activation,
            linkTimeUp: false,
            clockOffsetMs: offsetFrom(event.response.now, event.at),
          };
          return { state: next, effects: [] };
        }
        if (event.type === 'failed' && event.op === 'resendActivation') return fail(s, event.op, event.error);
        return same(s);
      }
      if (event.type === 'resend' && s.activation) {
        const a = s.activation;
        if (a.resendsLeft <= 0) return same(s);
        if (serverNow(s, event.at) < Date.parse(a.resendAvailableAt)) return same(s);
        return { state: { ...s, pending: true, problem: null }, effects: [call({ op: 'resendActivation' })] };
      }
      return same(s);
    }

    case 'declaration':
      if (event.type === 'link-time-up') return end(s, 'expired', { kind: 'link-time-up' });
      if (event.type === 'accept-declaration') return { state: { ...s, step: 'new-password', problem: null }, effects: [] };
      return same(s);

    case 'new-password':
      if (event.type === 'link-time-up') {
        // While a request is in flight the server decides; otherwise nothing more is sent.
        return s.pending ? { state: { ...s, linkTimeUp: true }, effects: [] } : end(s, 'expired', { kind: 'link-time-up' });
      }
      if (s.pending) {
        if (event.type === 'activation-completed') {
          return {
            state: wipe(s, 'done', { outcome: { case: event.response.case, completedAt: event.response.completedAt } }),
            effects: [
              { type: 'broadcast-completed' },
              { type: 'emit', event: { name: 'complete', case: event.response.case } },
              { type: 'clear-store' },
            ],
          };
        }
        if (event.type === 'failed' && event.op === 'completeActivation') {
          const t = fail(s, event.op, event.error);
          if (t.state.step === 'new-password' && s.linkTimeUp) return end(s, 'expired', { kind: 'link-time-up' });
          return t;
        }
        return same(s);
      }
      if (event.type === 'back') return { state: { ...s, step: 'declaration', problem: null }, effects: [] };
      if (event.type === 'submit-password' && s.activationToken && s.check && !s.linkTimeUp) {
        return {
          state: { ...s, pending: true, problem: null },
          effects: [
            call({
              op: 'completeActivation',
              body: {
                token: s.activationToken,
                declarationAccepted: true,
                declarationVersion: s.check.declaration.version,
                password: event.password,
                passwordConfirmation: event.passwordConfirmation,
              },
            }),
          ],
        };
      }
      return same(s);

    case 'done':
      // FINALIZAR is a real link to the portal (iess-paso-final); nothing is left to keep.
      if (event.type === 'finish') return { state: s, effects: [{ type: 'clear-store' }] };
      return same(s);

    case 'locked':
    case 'expired':
      if (event.type === 'restart') return startOver(s);
      return same(s);

    case 'error':
      if (event.type === 'retry' && !s.pending) {
        const token = s.activationToken;
        const restarted: FlowState = { ...wipe(s, 'starting'), ...(token ? { activationToken: token } : {}) };
        if (token) {
          return {
            state: { ...restarted, mode: 'activation', pending: true },
            effects: [call({ op: 'checkActivation', body: { token } })],
          };
        }
        return { state: { ...restarted, step: 'identification', mode: 'flow' }, effects: [call({ op: 'getConfig' })] };
      }
      return same(s);
  }
}

/**
 * The configuration loads behind the first step; its arrival only refreshes it (and the clock
 * offset). If it cannot load, the step the person is using says so and stays usable.
 */
function refreshConfig(state: FlowState, event: FlowEvent): Transition | null {
  if (event.type === 'failed' && event.op === 'getConfig') {
    if (state.step === 'starting' || END_STEPS.includes(state.step) || state.pending) return same(state);
    return { state: { ...state, problem: problemOf(event.error, state.clockOffsetMs) }, effects: [] };
  }
  if (event.type !== 'config-loaded') return null;
  const clockOffsetMs = state.flow || state.check ? state.clockOffsetMs : offsetFrom(event.response.now, event.at);
  return { state: { ...state, config: event.response, clockOffsetMs }, effects: [] };
}

export function transition(state: FlowState, event: FlowEvent): Transition {
  const t = onAny(state, event) ?? refreshConfig(state, event) ?? step(state, event);
  // A resumable step is kept whenever it is entered or its server data or expiry changes (never what was typed).
  const r = t.state !== state ? resumable(t.state) : null;
  if (r) {
    const key = RESUMABLE_DATA[r.step];
    if (r.step !== state.step || t.state[key] !== state[key] || r.flowExpiresAt !== state.flow?.expiresAt) {
      t.effects.push({ type: 'store', flow: r });
    }
  }
  // 'starting' is internal (a link opening, a hidden page): the public never sees it.
  if (t.state.step !== state.step && t.state.step !== 'starting') {
    t.effects.push({ type: 'emit', event: { name: 'step-change', step: t.state.step, previous: state.step } });
  }
  return t;
}
