/**
 * The port between the widget and any backend: one method per operation of the contract that the
 * widget calls, DERIVED from `contract.operations` — its request schema gives the first argument,
 * its response schema the result, `auth: 'flow'` makes the options (with the flow token)
 * required. `createHttpRecoveryApi` (http-recovery-api.ts) speaks `/v1` over HTTP; hosts and tests
 * may pass any object that implements this interface as the shell's `.api` property.
 *
 * Every method resolves with a contract-parsed response or rejects with a `RecoveryApiError`.
 * Nothing here imports zod at run time: the lazy client and the extension name the operations
 * before the contract loads.
 */
import type { z } from 'zod/mini';
import type { OperationId, Operations, Problem } from './contract.ts';
import type { ApiErrorKind } from './problem-kinds.ts';

export type { ApiErrorKind } from './problem-kinds.ts';

type WidgetOperationId = { [K in OperationId]: Operations[K] extends { widget: false } ? never : K }[OperationId];
type TraitsOf<K extends OperationId> = {
  /** Carries the flow token (`auth: 'flow'`). */
  readonly flow: Operations[K] extends { auth: 'flow' } ? true : false;
  /** Carries an Idempotency-Key; a repeat gets the first answer. */
  readonly idempotent: Operations[K] extends { idempotent: true } ? true : false;
};

/**
 * The operations the widget calls — every operation of the contract but those marked
 * `widget: false` — with the two traits the widget needs before the contract (zod) loads.
 * Checked against the contract at compile time: an operation missing here, or a trait that
 * differs from the contract's, does not compile.
 */
export const RECOVERY_OPERATIONS = {
  getConfig: { flow: false, idempotent: false },
  getCaptchaChallenge: { flow: false, idempotent: false },
  startFlow: { flow: false, idempotent: true },
  getFlowStatus: { flow: true, idempotent: false },
  extendFlow: { flow: true, idempotent: true },
  verify: { flow: true, idempotent: true },
  setSecurityQuestions: { flow: true, idempotent: true },
  sendActivation: { flow: true, idempotent: true },
  resendActivation: { flow: true, idempotent: true },
  checkActivation: { flow: false, idempotent: false },
  resendFromLink: { flow: false, idempotent: true },
  completeActivation: { flow: false, idempotent: true },
} as const satisfies { [K in WidgetOperationId]: TraitsOf<K> };
export type RecoveryOperationId = keyof typeof RECOVERY_OPERATIONS;

/** Per-call options. `idempotencyKey` is reused when the same user action is retried. */
export interface CallOptions {
  signal?: AbortSignal;
  idempotencyKey?: string;
}

/** Calls that act on the current flow carry its bearer token. */
export interface FlowCallOptions extends CallOptions {
  flowToken: string;
}

type Spec<K extends RecoveryOperationId> = Operations[K];
export type RequestOf<K extends RecoveryOperationId> = Spec<K> extends { request: infer S extends z.ZodMiniType } ? z.infer<S> : never;
export type ResponseOf<K extends RecoveryOperationId> = z.infer<Spec<K>['response']>;
export type OptionsOf<K extends RecoveryOperationId> = Spec<K> extends { auth: 'flow' } ? FlowCallOptions : CallOptions;
/** `(body, options)` for an operation with a request body, `(options)` without one; options are required with the flow token. */
export type ArgsOf<K extends RecoveryOperationId> = [
  ...(Spec<K> extends { request: z.ZodMiniType } ? [body: RequestOf<K>] : []),
  ...(Spec<K> extends { auth: 'flow' } ? [options: FlowCallOptions] : [options?: CallOptions]),
];

export type RecoveryApi = { [K in RecoveryOperationId]: (...args: ArgsOf<K>) => Promise<ResponseOf<K>> };

/**
 * A RecoveryApi whose every method hands its operation id and arguments to `invoke`: the HTTP
 * client, the lazy forwarder and wrappers are built with it, so none of them lists the operations
 * by hand.
 */
export function recoveryApiFrom(
  invoke: <K extends RecoveryOperationId>(operation: K, args: ArgsOf<K>) => Promise<ResponseOf<K>>,
): RecoveryApi {
  const api: Partial<Record<RecoveryOperationId, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const operation of Object.keys(RECOVERY_OPERATIONS) as RecoveryOperationId[])
    api[operation] = (...args) => invoke(operation, args as ArgsOf<typeof operation>);
  return api as RecoveryApi;
}

/** Calls `operation` of any RecoveryApi with its arguments (the one place a generic call meets the per-operation types). */
export function invokeOperation<K extends RecoveryOperationId>(api: RecoveryApi, operation: K, args: ArgsOf<K>): Promise<ResponseOf<K>> {
  return (api[operation] as unknown as (...a: ArgsOf<K>) => Promise<ResponseOf<K>>)(...args);
}

/** The one error type every RecoveryApi rejects with. Carries no personal data. */
export class RecoveryApiError extends Error {
  override readonly name = 'RecoveryApiError';
  readonly kind: ApiErrorKind;
  /** HTTP status, when there was an HTTP answer. */
  readonly status: number | undefined;
  /** The parsed problem document, when the server sent one. */
  readonly problem: Problem | undefined;

  constructor(kind: ApiErrorKind, options: { status?: number; problem?: Problem; message?: string; cause?: unknown } = {}) {
    super(options.message ?? options.problem?.title ?? kind, { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.problem = options.problem;
  }

  get attemptsLeft(): number | undefined {
    return this.problem?.attemptsLeft;
  }
  get lockedUntil(): string | undefined {
    return this.problem?.lockedUntil;
  }
  get expiresAt(): string | undefined {
    return this.problem?.expiresAt;
  }
  get retryAfter(): number | undefined {
    return this.problem?.retryAfter;
  }
  get fieldErrors(): Problem['fieldErrors'] {
    return this.problem?.fieldErrors;
  }
  /** The server's clock at the time of the answer, when known. */
  get now(): string | undefined {
    return this.problem?.now;
  }
}

/** A random UUID v4 for an Idempotency-Key (CS-12), also where crypto.randomUUID is missing (it needs a secure context). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
