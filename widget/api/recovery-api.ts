/**
 * The port between the widget and any backend: one method per operation of the contract.
 * `createHttpRecoveryApi` (http-recovery-api.ts) speaks `/v1` over HTTP; hosts and tests may pass
 * any object that implements this interface as the shell's `.api` property.
 *
 * Every method resolves with a contract-parsed response or rejects with a `RecoveryApiError`.
 */
import type {
  ActivationCheckResponse,
  ActivationCompleteRequest,
  ActivationCompleteResponse,
  ActivationResponse,
  CaptchaChallengeResponse,
  ConfigResponse,
  EmailRequest,
  FlowStatusResponse,
  Problem,
  ProblemKind,
  SecurityQuestionsRequest,
  SecurityQuestionsResponse,
  SignInRequest,
  SignInResponse,
  StartFlowRequest,
  StartFlowResponse,
  VerifyRequest,
  VerifyResponse,
} from './contract.ts';

/** Per-call options. `idempotencyKey` is reused when the same user action is retried. */
export interface CallOptions {
  signal?: AbortSignal;
  idempotencyKey?: string;
}

/** Calls that act on the current flow carry its bearer token. */
export interface FlowCallOptions extends CallOptions {
  flowToken: string;
}

export interface RecoveryApi {
  getConfig(options?: CallOptions): Promise<ConfigResponse>;
  getCaptchaChallenge(options?: CallOptions): Promise<CaptchaChallengeResponse>;
  startFlow(body: StartFlowRequest, options?: CallOptions): Promise<StartFlowResponse>;
  getFlowStatus(options: FlowCallOptions): Promise<FlowStatusResponse>;
  verify(body: VerifyRequest, options: FlowCallOptions): Promise<VerifyResponse>;
  setSecurityQuestions(body: SecurityQuestionsRequest, options: FlowCallOptions): Promise<SecurityQuestionsResponse>;
  sendActivation(body: EmailRequest, options: FlowCallOptions): Promise<ActivationResponse>;
  resendActivation(options: FlowCallOptions): Promise<ActivationResponse>;
  checkActivation(token: string, options?: CallOptions): Promise<ActivationCheckResponse>;
  completeActivation(body: ActivationCompleteRequest, options?: CallOptions): Promise<ActivationCompleteResponse>;
  signIn(body: SignInRequest, options?: CallOptions): Promise<SignInResponse>;
}

/** Kinds a client sees: every server problem kind plus three that only a client can observe. */
export type ApiErrorKind = ProblemKind | 'network' | 'timeout' | 'bad-response';

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
