/**
 * The flow machine's vocabulary: state, events and effects. Pure data, no DOM, so the machine is
 * table-testable in Node (test/unit/flow*.test.ts).
 */
import type {
  Activation,
  ActivationCheckResponse,
  Case,
  ChallengeQuestion,
  ConfigResponse,
  EmailOnRecord,
  EmailRequest,
  IdType,
  Problem,
  SecurityQuestionBank,
  SecurityQuestionsRequest,
  VerifyRequest,
} from '../api/contract.ts';
import type { ApiErrorKind, RecoveryOperationId, RequestOf, ResponseOf } from '../api/recovery-api.ts';

/** What the shell shows. The first eight are the procedure's steps; the last four are end states. */
export type StepId =
  | 'starting'
  | 'identification'
  | 'verification'
  | 'security-questions'
  | 'email'
  | 'activation-sent'
  | 'declaration'
  | 'new-password'
  | 'done'
  | 'locked'
  | 'expired'
  | 'error';

/** Client-side confirm dialogs ("Si está seguro de la información registrada…" → ACEPTAR). */
export type DialogId = 'confirm-verification' | 'confirm-email';

/** Kinds a person may see: every API error kind plus the ones only the client decides. */
export type ClientProblemKind = ApiErrorKind | 'captcha-required' | 'attempts-spent' | 'link-time-up';

/** A problem shown on the current step (or on the error/expired state). No personal data. */
export interface ClientProblem {
  kind: ClientProblemKind;
  attemptsLeft?: number;
  lockedUntil?: string;
  retryAfter?: number;
  /** rate-limited: when the wait ends, on the server's clock (epoch ms); the shell counts down to it. */
  retryUntil?: number;
  fieldErrors?: Problem['fieldErrors'];
}

/** The parts of a RecoveryApiError the machine needs (the controller copies them). */
export interface FailureInfo {
  kind: ApiErrorKind;
  attemptsLeft?: number;
  lockedUntil?: string;
  retryAfter?: number;
  expiresAt?: string;
  fieldErrors?: Problem['fieldErrors'];
  /** The server's clock in the problem document, when there was one. */
  now?: string;
  /** The client's clock when the failure arrived (the controller sets it). */
  receivedAt?: number;
}

export interface FlowInfo {
  token: string;
  expiresAt: string;
  case: Case;
  maskedId: string;
}

export interface FlowState {
  readonly step: StepId;
  /** `flow`: opened normally; `activation`: opened from the e-mail's CLIC PARA CONTINUAR link. */
  readonly mode: 'flow' | 'activation';
  readonly dialog: DialogId | null;
  /** A request the person started is in flight: every submit is ignored (CS-12). */
  readonly pending: boolean;
  readonly problem: ClientProblem | null;
  /** Server clock minus client clock, in ms, from the last answer's `now` (CS-13). */
  readonly clockOffsetMs: number;
  readonly config?: ConfigResponse;
  readonly flow?: FlowInfo;
  readonly verification?: {
    readonly questions: readonly ChallengeQuestion[];
    readonly attemptsLeft: number;
    readonly maxAttempts: number;
  };
  /** What waits for ACEPTAR in a confirm dialog (memory only). */
  readonly draft?: { readonly verify?: VerifyRequest; readonly email?: EmailRequest };
  readonly securityQuestions?: SecurityQuestionBank;
  readonly email?: EmailOnRecord;
  readonly activation?: Activation;
  /** The link's time is past by the (server-corrected) client clock: no request is sent for it. */
  readonly linkTimeUp: boolean;
  /**
   * The identification typed at BUSCAR in this document: memory only, never stored (CS-07). The
   * new-password step gives it to password managers as the username; kept across a link opened
   * in this same document only when it fits the link's masked identification.
   */
  readonly identification?: string;
  /** The e-mail link's token, memory only; never stored, never in the URL after init. */
  readonly activationToken?: string;
  readonly check?: ActivationCheckResponse;
  readonly outcome?: { readonly case: Case; readonly completedAt: string };
  /** Why the flow ended in `locked`, `expired` or `error`. */
  readonly lockedUntil?: string;
}

/**
 * What a FlowStore may keep to resume (CS-07: nothing else): the step id, the case, the masked
 * identification, the flow token and its expiry, and the SERVER's data for that step, under the
 * same name as in FlowState. Never what the person typed, never the activation token.
 */
interface ResumableBase {
  flowToken: string;
  flowExpiresAt: string;
  case: Case;
  maskedId: string;
}
export type ResumableFlow = ResumableBase &
  (
    | { step: 'verification'; verification: NonNullable<FlowState['verification']> }
    | { step: 'security-questions'; securityQuestions: SecurityQuestionBank }
    | { step: 'email'; email: EmailOnRecord }
    /** Masked address, sender, subject, expiry: no secret. */
    | { step: 'activation-sent'; activation?: Activation }
  );
export type ResumableStep = ResumableFlow['step'];

export type FlowEvent =
  | AnswerEvent
  | { type: 'init'; activationToken?: string; resume?: ResumableFlow }
  /** The e-mail link was opened in this same document (same page, new `#token=`): no reload. */
  | { type: 'link-opened'; activationToken: string }
  | { type: 'identify'; idType: IdType; id: string; captcha: string }
  | { type: 'submit-verification'; request: VerifyRequest }
  | { type: 'confirm' }
  | { type: 'dismiss' }
  | { type: 'submit-security-questions'; request: SecurityQuestionsRequest }
  | { type: 'submit-email'; request: EmailRequest }
  | { type: 'resend'; at: number }
  | { type: 'poll' }
  | { type: 'completed-elsewhere' }
  | { type: 'link-time-up' }
  | { type: 'flow-time-up' }
  | { type: 'accept-declaration' }
  | { type: 'submit-password'; password: string; passwordConfirmation: string }
  | { type: 'failed'; op: ApiCall['op']; error: FailureInfo }
  | { type: 'back' }
  | { type: 'retry' }
  | { type: 'restart' }
  | { type: 'finish' }
  | { type: 'cancel' }
  /** The page is being hidden or left (`pagehide`): forget everything in memory (CS-07). */
  | { type: 'page-hidden' };

/** The operations the machine asks for (the captcha challenge is the identification step's own). */
export type MachineOperationId = Exclude<RecoveryOperationId, 'getCaptchaChallenge'>;

/** One RecoveryApi call, from the port's types; the controller adds the flow token, an AbortSignal and an idempotency key. */
export type ApiCall = {
  [K in MachineOperationId]: [RequestOf<K>] extends [never] ? { op: K } : { op: K; body: RequestOf<K> };
}[MachineOperationId];

/** The event each answered call feeds back into the machine. */
export const ANSWER_EVENTS = {
  getConfig: 'config-loaded',
  startFlow: 'flow-started',
  getFlowStatus: 'status',
  verify: 'verified',
  setSecurityQuestions: 'security-questions-saved',
  sendActivation: 'activation-sent',
  resendActivation: 'activation-sent',
  checkActivation: 'activation-checked',
  completeActivation: 'activation-completed',
} as const satisfies Record<MachineOperationId, string>;

/** An answer as an event: `{ type, response, at }` with the operation's response type. */
export type AnswerEvent = {
  [K in MachineOperationId]: { type: (typeof ANSWER_EVENTS)[K]; response: ResponseOf<K>; at: number };
}[MachineOperationId];

/** Public events leave the shell; they carry no personal data. */
export type PublicEventSpec =
  | { name: 'step-change'; step: StepId; previous: StepId }
  | { name: 'complete'; case: Case }
  | { name: 'cancel'; step: StepId }
  | { name: 'error'; kind: ClientProblemKind };

export type FlowEffect =
  | { type: 'call'; call: ApiCall }
  | { type: 'emit'; event: PublicEventSpec }
  /** Tell other tabs of this browser that the link was used (BroadcastChannel 'iess-clave'). */
  | { type: 'broadcast-completed' }
  | { type: 'store'; flow: ResumableFlow }
  | { type: 'clear-store' };

export interface Transition {
  state: FlowState;
  effects: FlowEffect[];
}
