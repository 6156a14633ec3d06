/**
 * An in-memory RecoveryApi for element tests, answering from the core engineer's fixtures
 * (test/fixtures/api/, validated against the contract by test/unit/fixtures.test.ts).
 *
 * - Per method, queue the next answers: a response object, a `RecoveryApiError`, `garbage(x)`
 *   (an answer that breaks the contract), a `hold()` deferred to control when it settles, or a
 *   function of the request body returning any of these (also usable in `defaults`).
 * - Every call is recorded (`calls`, `callsOf(op)`) with its body and options.
 * - `strict` (default) refuses request bodies that break the contract with `validation`, like a
 *   server would; `lenient` accepts anything and always answers success, so a test can prove the
 *   widget ITSELF stops sending once attempts are spent or the link's time is past.
 */
import { operations, type Case, type Problem, type ProblemKind } from '../../widget/api/contract.ts';
import {
  recoveryApiFrom,
  RecoveryApiError,
  type ApiErrorKind,
  type CallOptions,
  type FlowCallOptions,
  type RecoveryApi,
  type RecoveryOperationId as OperationId,
} from '../../widget/api/recovery-api.ts';
import { fixtures, problemsByKind } from '../fixtures/api/index.ts';

export interface RecordedCall {
  op: OperationId;
  body?: unknown;
  options?: CallOptions | FlowCallOptions;
}

/** An answer that is not the contract's (the shell must say "respuesta inesperada"). */
export class Garbage {
  constructor(readonly value: unknown) {}
}
export const garbage = (value: unknown = '<html>502 Bad Gateway</html>') => new Garbage(value);

/** A reply the test settles by hand (double-submit tests keep a request in flight). */
export class Held<T = unknown> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  constructor() {
    this.promise = new Promise<T>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }
}
export const hold = <T = unknown>() => new Held<T>();

/** A RecoveryApiError as the HTTP client would produce it for this kind (with the fixture's problem document). */
export function apiError(kind: ApiErrorKind, problem: Partial<Problem> = {}): RecoveryApiError {
  if (kind === 'network' || kind === 'timeout' || kind === 'bad-response') return new RecoveryApiError(kind);
  const base = problemsByKind[kind as ProblemKind];
  const merged = { ...base, ...problem } as Problem;
  return new RecoveryApiError(kind, { status: merged.status, problem: merged });
}

type Reply = unknown;

const clone = <T>(v: T): T => structuredClone(v);

// Every method of the port comes from the contract (recoveryApiFrom); the interface says they exist.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface FakeRecoveryApi extends RecoveryApi {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class FakeRecoveryApi {
  readonly calls: RecordedCall[] = [];
  private readonly queues = new Map<OperationId, Reply[]>();
  /** The answer when nothing is queued (replace entries freely). */
  readonly defaults: Record<OperationId, unknown>;

  constructor(
    flowCase: Case = 'recuperar',
    readonly mode: 'strict' | 'lenient' = 'strict',
  ) {
    this.defaults = {
      getConfig: fixtures.getConfig.default,
      getCaptchaChallenge: fixtures.getCaptchaChallenge.easy,
      startFlow: fixtures.startFlow[flowCase],
      getFlowStatus: fixtures.getFlowStatus.activationSent,
      extendFlow: fixtures.extendFlow.default,
      verify: fixtures.verify[flowCase],
      setSecurityQuestions: fixtures.setSecurityQuestions.default,
      sendActivation: fixtures.sendActivation.onRecord,
      resendActivation: fixtures.resendActivation.default,
      checkActivation: fixtures.checkActivation[flowCase],
      resendFromLink: fixtures.resendFromLink.default,
      completeActivation: fixtures.completeActivation[flowCase],
    };
    Object.assign(
      this,
      recoveryApiFrom((op, args) => {
        const [body, options] = 'request' in operations[op] ? args : [undefined, ...args];
        return this.answer(op, body, options as CallOptions | FlowCallOptions | undefined);
      }),
    );
  }

  /** Queues the next answers of `op` (used in order; then the default answers again). */
  next(op: OperationId, ...replies: Reply[]): this {
    this.queues.set(op, [...(this.queues.get(op) ?? []), ...replies]);
    return this;
  }

  /** Queues a failure of `op` of the given kind. */
  fail(op: OperationId, kind: ApiErrorKind, problem: Partial<Problem> = {}): this {
    return this.next(op, apiError(kind, problem));
  }

  callsOf(op: OperationId): RecordedCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  private async answer(op: OperationId, body: unknown, options: CallOptions | FlowCallOptions | undefined): Promise<never> {
    const spec = operations[op];
    this.calls.push({ op, ...(body === undefined ? {} : { body: clone(body) }), ...(options ? { options: { ...options } } : {}) });
    if (options?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    if (this.mode === 'strict' && 'request' in spec && !spec.request.safeParse(body).success) throw apiError('validation');
    if (this.mode === 'strict' && 'auth' in spec && !(options as FlowCallOptions | undefined)?.flowToken) throw apiError('flow-invalid');
    const queue = this.queues.get(op);
    let reply: Reply = queue && queue.length > 0 ? queue.shift() : this.defaults[op];
    if (typeof reply === 'function') reply = (reply as (body: unknown) => unknown)(body);
    if (reply instanceof Held) reply = await reply.promise;
    if (reply instanceof Error) throw reply;
    if (reply instanceof Garbage) return reply.value as never;
    return clone(reply) as never;
  }
}
