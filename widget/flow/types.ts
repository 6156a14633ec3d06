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

/** What the shell shows: the procedure's steps, then the end states (declared once, in order). */
export const STEP_IDS = [
  'starting',
  'identification',
  'verification',
  'security-questions',
  'email',
  'activation-sent',
  'new-password',
  'done',
  'locked',
  'expired',
  'error',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The states where the procedure is over: the person can only start again (or retry, on error). */
export const END_STEPS = ['done', 'locked', 'expired', 'error'] as const satisfies readonly StepId[];
export type EndStep = (typeof END_STEPS)[number];
export const isEndStep = (step: StepId): step is EndStep => (END_STEPS as readonly StepId[]).includes(step);

/**
 * Nothing more can be done online: an end step, or the e-mail step when a new address can only be
 * registered in person (issue 9). No step number, no flow time limit, and FINALIZAR to leave.
 */
export const isOver = (state: FlowState): boolean => isEndStep(state.step) || (state.step === 'email' && state.email.inPersonOnly === true);

/** Kinds a person may see: every API error kind plus the ones only the client decides. */
export type ClientProblemKind = ApiErrorKind | 'captcha-required' | 'attempts-spent' | 'link-time-up';

/** The details a problem document may carry (RecoveryApiError exposes the same, by these names). */
export const PROBLEM_DETAILS = ['attemptsLeft', 'lockedUntil', 'retryAfter', 'expiresAt', 'fieldErrors', 'now'] as const;
export type ProblemDetails = Partial<Pick<Problem, (typeof PROBLEM_DETAILS)[number]>>;

/** The parts of a RecoveryApiError the machine needs (the controller copies them). */
export interface FailureInfo extends ProblemDetails {
  kind: ApiErrorKind;
  /** The client's clock when the failure arrived (the controller sets it). */
  receivedAt?: number;
}

/** A problem shown on the current step (or on the error/expired state). No personal data. */
export interface ClientProblem extends Omit<ProblemDetails, 'expiresAt' | 'now'> {
  kind: ClientProblemKind;
  /** rate-limited: when the wait ends, on the server's clock (epoch ms); the shell counts down to it. */
  retryUntil?: number;
}

export interface FlowInfo {
  token: string;
  expiresAt: string;
  /** How often "Necesito más tiempo" may still extend the flow, once the server has said. */
  extensionsLeft?: number;
  case: Case;
  maskedId: string;
}

/** What every state holds. */
export interface FlowBase {
  /** `flow`: opened normally; `activation`: opened from the e-mail's CLIC PARA CONTINUAR link. */
  readonly mode: 'flow' | 'activation';
  /** A request the person started is in flight: every submit is ignored (CS-12). */
  readonly pending: boolean;
  /** "Necesito más tiempo" is in flight (the step's own actions stay usable). */
  readonly extending?: boolean;
  readonly problem: ClientProblem | null;
  /** Server clock minus client clock, in ms, from the last answer's `now` (CS-13). */
  readonly clockOffsetMs: number;
  readonly config?: ConfigResponse;
  /**
   * The identification typed at BUSCAR in this document: memory only, never stored (CS-07). The
   * new-password step gives it to password managers as the username; kept across a link opened
   * in this same document only when it fits the link's masked identification.
   */
  readonly identification?: string;
}

/** The steps after BUSCAR hold the flow the server started. */
interface InFlow {
  readonly flow: FlowInfo;
}

/** The link page's steps hold the e-mail link's token (memory only; never stored, never in the URL after init) and its check. */
interface OnLink {
  readonly activationToken: string;
  readonly check: ActivationCheckResponse;
  /** The link's time is past by the (server-corrected) client clock: no request is sent for it. */
  readonly linkTimeUp: boolean;
}

export interface Verification {
  readonly questions: readonly ChallengeQuestion[];
  readonly attemptsLeft: number;
  readonly maxAttempts: number;
}

/** Each step's own data; a state is FlowBase, its step id and exactly this. */
export interface StepData {
  starting: { readonly activationToken?: string };
  identification: object;
  verification: InFlow & {
    readonly verification: Verification;
    /** "Si está seguro de la información registrada…" waiting for ACEPTAR, with what it will send (memory only). */
    readonly dialog: 'confirm-verification' | null;
    readonly draft?: VerifyRequest;
  };
  'security-questions': InFlow & { readonly securityQuestions: SecurityQuestionBank };
  email: InFlow & {
    readonly email: EmailOnRecord;
    readonly dialog: 'confirm-email' | null;
    readonly draft?: EmailRequest;
    /** The new address being sent (after ACEPTAR): the waiting step shows it in full (memory only, typed in this tab). */
    readonly sending?: string | undefined;
    /** Back here from the waiting step ("Cambiar correo"): what it showed, to return to it unchanged (memory only). */
    readonly changing?: { readonly activation?: Activation | undefined; readonly typedEmail?: string | undefined };
  };
  'activation-sent': InFlow & {
    readonly activation?: Activation;
    readonly linkTimeUp: boolean;
    /** The new address as typed in this tab (memory only; never stored): shown in full so a typo is visible. */
    readonly typedEmail?: string | undefined;
  };
  'new-password': OnLink;
  done: { readonly outcome: { readonly case: Case; readonly completedAt: string } };
  locked: { readonly lockedUntil?: string };
  /**
   * An expired link's page keeps its token (memory only) for "Enviar un nuevo correo", and the
   * activation a resend from here answered, or why it was refused.
   */
  expired: { readonly activationToken?: string; readonly resent?: Activation; readonly resendProblem?: ClientProblem };
  /** An error on the link page keeps the token, so `retry` checks the link again. */
  error: { readonly activationToken?: string };
}

/** The state at one step. */
export type StateAt<S extends StepId> = FlowBase & { readonly step: S } & StepData[S];
export type FlowState = { [S in StepId]: StateAt<S> }[StepId];
/** Each step's own transition function (machine.ts, ./transitions/). */
export type StepTransitions = { [S in StepId]: (state: StateAt<S>, event: FlowEvent) => Transition };

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Any state's fields, each optional: for code that reads across steps (the resume store, tests). */
export type FlowFields = FlowBase & { readonly step: StepId } & Partial<UnionToIntersection<StepData[StepId]>>;

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
    | { step: 'verification'; verification: Verification }
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
  /** "Cambiar correo" on the waiting step: back to the e-mail step to correct a new address. */
  | { type: 'change-email' }
  | { type: 'poll' }
  | { type: 'completed-elsewhere' }
  | { type: 'link-time-up' }
  | { type: 'flow-time-up' }
  /** "Necesito más tiempo" (WCAG 2.2.1). */
  | { type: 'extend' }
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
  extendFlow: 'flow-extended',
  verify: 'verified',
  setSecurityQuestions: 'security-questions-saved',
  sendActivation: 'activation-sent',
  resendActivation: 'activation-sent',
  checkActivation: 'activation-checked',
  resendFromLink: 'link-resent',
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
