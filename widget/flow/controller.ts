/**
 * Runs the flow machine for the shell: feeds events in, runs the effects (API calls with
 * AbortSignals and idempotency keys, public events, the resume store, the BroadcastChannel) and
 * keeps the timers the current state needs (countdown ticks, link and flow expiry, status polling)
 * on an injectable clock.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isApiErrorKind } from '../api/problem-kinds.ts';
import {
  invokeOperation,
  newIdempotencyKey,
  RECOVERY_OPERATIONS,
  RecoveryApiError,
  type ArgsOf,
  type RecoveryApi,
  type RecoveryOperationId,
  type ResponseOf,
} from '../api/recovery-api.ts';
import { systemClock, type Clock } from './clock.ts';
import { initialState, loadLaterSteps, transition } from './machine.ts';
import { MemoryFlowStore, type FlowStore } from './store.ts';
import { timersFor, type WantedTimer } from './timers.ts';
import {
  ANSWER_EVENTS,
  isEndStep,
  PROBLEM_DETAILS,
  type AnswerEvent,
  type ProblemDetails,
  type ApiCall,
  type FailureInfo,
  type FlowEvent,
  type FlowState,
  type PublicEventSpec,
  type ResumableFlow,
} from './types.ts';

export const BROADCAST_CHANNEL = 'iess-clave';

export interface FlowControllerOptions {
  /** The port; read at each call so a host may swap `.api` before the first request. */
  api: () => RecoveryApi | undefined;
  clock?: Clock;
  store?: FlowStore;
  /** Public event specs to dispatch on the host (no personal data). */
  onPublicEvent: (event: PublicEventSpec) => void;
  /**
   * What the host needs before it can show anything past the first step (the shell: its later
   * strings), loaded with the later steps' transitions before any answer is fed in.
   */
  later?: () => Promise<unknown>;
}

type Host = ReactiveControllerHost & EventTarget;

/** How each problem detail is read from an error the widget did not make: type-checked, never trusted as it comes. */
const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const DETAIL_READERS: { [K in (typeof PROBLEM_DETAILS)[number]]: (v: unknown) => ProblemDetails[K] } = {
  attemptsLeft: number,
  lockedUntil: text,
  retryAfter: number,
  expiresAt: text,
  fieldErrors: (v) => (v && typeof v === 'object' ? (v as ProblemDetails['fieldErrors']) : undefined),
  now: text,
};

/**
 * Any thrown value as the machine's FailureInfo; only a RecoveryApiError carries details — ours,
 * or one made by another copy of the class: an adapter written next to the one-script embed
 * cannot import ours, so a same-named error with a string `kind` counts too (docs/embedding.md).
 */
export function failureOf(thrown: unknown): FailureInfo {
  if (typeof thrown !== 'object' || thrown === null) return { kind: 'network' };
  const e = thrown as Record<string, unknown>;
  if (!(thrown instanceof RecoveryApiError) && (e['name'] !== 'RecoveryApiError' || typeof e['kind'] !== 'string'))
    return { kind: 'network' };
  // A kind the widget does not know reads as a server failure, never as a raw key.
  const kind = isApiErrorKind(e['kind'] as string) ? (e['kind'] as FailureInfo['kind']) : 'server';
  const details = PROBLEM_DETAILS.map((key) => [key, DETAIL_READERS[key](e[key])] as const).filter(([, value]) => value !== undefined);
  return { kind, ...(Object.fromEntries(details) as ProblemDetails) };
}

/**
 * Answers from any RecoveryApi, a host's own too, are parsed with the operation's response schema:
 * garbage never reaches the steps. The contract (zod) is imported on first use, so it stays out of
 * what the page loads up front.
 */
export async function parsedAnswer<K extends RecoveryOperationId>(op: K, value: unknown): Promise<ResponseOf<K>> {
  const { operations } = await import('../api/contract.ts');
  const r = operations[op].response.safeParse(value);
  if (!r.success) throw new RecoveryApiError('bad-response', { message: 'La respuesta no cumple el contrato' });
  return r.data as ResponseOf<K>;
}

export class FlowController implements ReactiveController {
  state: FlowState = initialState;
  clock: Clock;
  private store: FlowStore;
  private aborts = new Map<AbortController, ApiCall>();
  private interrupted: ApiCall[] = [];
  private timers = new Map<string, { due: number; handle: unknown }>();
  private channel: BroadcastChannel | undefined;
  private statusInFlight = false;
  private lastUnanswered: { fingerprint: string; key: string } | undefined;
  private connected = false;

  constructor(
    private readonly host: Host,
    private readonly options: FlowControllerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.store = options.store ?? new MemoryFlowStore();
    host.addController(this);
  }

  setStore(store: FlowStore): void {
    this.store = store;
  }

  /** The server's clock now, estimated (CS-13). */
  serverNow(): number {
    return this.clock.now() + this.state.clockOffsetMs;
  }

  hostConnected(): void {
    this.connected = true;
    // Moved in the page while a request was in flight: send it again, as the same action (CS-12).
    const again = this.interrupted.splice(0);
    for (const c of again) void this.call(c);
    this.reconcile();
  }

  hostDisconnected(): void {
    this.connected = false;
    for (const [abort, c] of this.aborts) {
      abort.abort();
      if (c.op !== 'getFlowStatus') this.interrupted.push(c);
    }
    this.aborts.clear();
    this.reconcile();
  }

  /**
   * Drops what the controller itself holds of the person's input (CS-07): requests in flight
   * (their bodies) are aborted, and the fingerprint kept to reuse an Idempotency-Key (it is the
   * request body: identification, answers, password) is forgotten.
   */
  private forget(): void {
    for (const abort of this.aborts.keys()) abort.abort();
    this.aborts.clear();
    this.interrupted = [];
    this.lastUnanswered = undefined;
  }

  /**
   * Solves the "No soy un robot" proof of work for the identification step: a fresh challenge from
   * the API, checked against the contract like every answer, then the solver (loaded on first use,
   * outside the first-load budget). Resolves with the payload BUSCAR sends.
   */
  async solveCaptcha(signal: AbortSignal): Promise<string> {
    const api = this.options.api();
    if (!api) throw new RecoveryApiError('network');
    const [answer, { solveAltcha }] = await Promise.all([
      api.getCaptchaChallenge({ signal }).then((value) => parsedAnswer('getCaptchaChallenge', value)),
      import('../captcha/altcha.ts'),
    ]);
    return (await solveAltcha(answer.challenge, { signal })).payload;
  }

  /**
   * Everything past the first step needs, loaded once (a failed load is tried again next time):
   * the later steps' transitions and what the host asked for (options.later). Awaited before any
   * answer is fed in and before a stored step resumes: nothing else leads past the first step.
   */
  private laterSteps(): Promise<unknown> {
    return Promise.all([loadLaterSteps(), this.options.later?.()]);
  }

  /** Starts the flow: from the e-mail link's token, from a stored flow (checked), or at identification. */
  async start(activationToken?: string): Promise<void> {
    let resume: ResumableFlow | null = null;
    if (!activationToken) {
      try {
        const stored = await this.store.load();
        // Whatever a store returns is checked against the contract first; a bad snapshot is dropped.
        if (stored) {
          resume = (await import('./resumable.ts')).parseResumable(stored, this.clock.now());
          if (!resume) await this.store.clear();
          // A stored step is a later step: what it needs first (a failed load starts afresh and keeps the store).
          else await this.laterSteps();
        }
      } catch {
        resume = null;
      }
    }
    this.send({ type: 'init', ...(activationToken ? { activationToken } : {}), ...(resume ? { resume } : {}) });
  }

  send(event: FlowEvent): void {
    const { state, effects } = transition(this.state, event);
    // Ending or restarting the procedure: what the controller holds of the person's input goes.
    const restarted = state.step === 'starting' || isEndStep(state.step);
    if (state !== this.state && restarted && state.step !== this.state.step) this.forget();
    else if (event.type === 'cancel' || event.type === 'page-hidden' || event.type === 'link-opened') this.forget();
    if (state !== this.state) {
      this.state = state;
      this.host.requestUpdate();
    }
    for (const effect of effects) this.run(effect);
    this.reconcile();
  }

  private run(effect: ReturnType<typeof transition>['effects'][number]): void {
    switch (effect.type) {
      case 'call':
        void this.call(effect.call);
        return;
      case 'emit':
        this.options.onPublicEvent(effect.event);
        return;
      case 'broadcast-completed':
        try {
          const ch = new BroadcastChannel(BROADCAST_CHANNEL);
          ch.postMessage({ type: 'activation-completed' });
          ch.close();
        } catch {
          /* no BroadcastChannel: the other tab still polls */
        }
        return;
      case 'store':
        void Promise.resolve()
          .then(() => this.store.save(effect.flow))
          .catch(() => undefined);
        return;
      case 'clear-store':
        void Promise.resolve()
          .then(() => this.store.clear())
          .catch(() => undefined);
        return;
    }
  }

  private async call(c: ApiCall): Promise<void> {
    const api = this.options.api();
    if (!api) {
      await this.laterSteps().catch(() => undefined);
      this.send({ type: 'failed', op: c.op, error: { kind: 'network' } });
      return;
    }
    if (c.op === 'getFlowStatus' && this.statusInFlight) return;
    const traits = RECOVERY_OPERATIONS[c.op];
    const abort = new AbortController();
    this.aborts.set(abort, c);
    const signal = abort.signal;
    const options = {
      signal,
      ...(traits.idempotent ? { idempotencyKey: this.keyFor(c) } : {}),
      ...(traits.flow ? { flowToken: 'flow' in this.state ? this.state.flow.token : '' } : {}),
    };
    if (c.op === 'getFlowStatus') this.statusInFlight = true;
    try {
      const args = ('body' in c ? [c.body, options] : [options]) as ArgsOf<typeof c.op>;
      const response = await parsedAnswer(c.op, await invokeOperation(api, c.op, args));
      // When it arrived, not when the later steps had loaded: the server's clock is read from it (CS-13).
      const at = this.clock.now();
      // An answer may lead past the first step (all but the configuration's): those steps come
      // first. Before the key is forgotten: if they cannot load, pressing again is the same action.
      if (c.op !== 'getConfig') await this.laterSteps();
      if (traits.idempotent) this.lastUnanswered = undefined;
      if (!signal.aborted) this.send({ type: ANSWER_EVENTS[c.op], response, at } as AnswerEvent);
    } catch (error) {
      const receivedAt = this.clock.now();
      const failure = failureOf(error);
      // No clear answer: if the person sends the same thing again, it is the same action (CS-12).
      if (traits.idempotent && !['network', 'timeout', 'bad-response', 'server', 'unavailable'].includes(failure.kind))
        this.lastUnanswered = undefined;
      // A refusal stays on the first step or ends the procedure (both in the first load); what the
      // shell says of it comes with the later steps. If those cannot load, it is said all the same.
      await this.laterSteps().catch(() => undefined);
      if (!signal.aborted) this.send({ type: 'failed', op: c.op, error: { ...failure, receivedAt } });
    } finally {
      this.aborts.delete(abort);
      if (c.op === 'getFlowStatus') this.statusInFlight = false;
    }
  }

  /**
   * One Idempotency-Key per user action. When the previous call of the same operation with the same
   * body got no clear answer, pressing the button again retries THAT action: same key, so the
   * server answers the first result and sends no second e-mail (CS-12).
   */
  private keyFor(c: ApiCall): string {
    const fingerprint = JSON.stringify(c);
    if (this.lastUnanswered?.fingerprint === fingerprint) return this.lastUnanswered.key;
    const key = newIdempotencyKey();
    this.lastUnanswered = { fingerprint, key };
    return key;
  }

  /** Timers and listeners the current state needs (./timers.ts); everything else is cleared. */
  private reconcile(): void {
    const want = this.connected ? timersFor(this.state, this.clock.now()) : new Map<string, WantedTimer>();
    this.listen(this.connected && this.state.step === 'activation-sent');
    for (const [key, t] of this.timers) {
      if (want.has(key)) continue;
      this.clock.clearTimeout(t.handle);
      this.timers.delete(key);
    }
    for (const [key, w] of want) {
      if (this.timers.has(key)) continue;
      const handle = this.clock.setTimeout(
        () => {
          this.timers.delete(key);
          if (w.fire === 'render') this.host.requestUpdate();
          else this.send(w.fire);
          this.reconcile();
        },
        Math.max(0, w.due - this.clock.now()),
      );
      this.timers.set(key, { due: w.due, handle });
    }
  }

  private listen(on: boolean): void {
    if (on && !this.channel && typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(BROADCAST_CHANNEL);
      this.channel.onmessage = (e: MessageEvent) => {
        if ((e.data as { type?: unknown } | null)?.type === 'activation-completed') this.send({ type: 'completed-elsewhere' });
      };
    } else if (!on && this.channel) {
      this.channel.close();
      this.channel = undefined;
    }
  }
}
