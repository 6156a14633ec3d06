/**
 * The one contract between the widget and any backend (docs/protocol.md explains it in prose).
 *
 * zod/mini keeps the widget's share small (README, Toolchain decisions). The server imports this file to
 * validate every request and to shape every response; the widget parses every response with it;
 * scripts/openapi.mjs generates docs/openapi.json from the `operations` table below.
 *
 * Rules: no DOM or Node APIs here (it compiles for both); field names in English; every
 * response carries the server's `now` so clients can correct their clock (CS-13).
 */
import { z } from 'zod/mini';
import { PROBLEM_KINDS } from './problem-kinds.ts';

// No `new Function` probe or JIT: the widget runs under strict CSP and in MV3 pages (CS-02, EX-01).
z.config({ jitless: true });

export const API_VERSION = 'v1';

/** An ISO 8601 instant as produced by `Date.prototype.toISOString()`. */
export const Instant = z.iso.datetime({ offset: true });

const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

export const ID_TYPES = ['cedula', 'extranjero'] as const;
export const IdType = z.enum(ID_TYPES);
export type IdType = z.infer<typeof IdType>;

/** The server decides the case from its registry; the person never chooses (docs/protocol.md). */
export const CASES = ['generar', 'recuperar'] as const;
export const Case = z.enum(CASES);
export type Case = z.infer<typeof Case>;

/** Where a flow stands on the server. */
export const FLOW_STEPS = ['verification', 'security-questions', 'email', 'activation-sent', 'completed'] as const;
export const FlowStep = z.enum(FLOW_STEPS);
export type FlowStep = z.infer<typeof FlowStep>;

// ---------------------------------------------------------------------------------------------
// Problems (RFC 9457 application/problem+json)
// ---------------------------------------------------------------------------------------------

/** Stable problem kinds (./problem-kinds.ts). The `type` URI is `PROBLEM_TYPE_PREFIX + kind`. */
export { PROBLEM_KINDS, PROBLEM_STATUS } from './problem-kinds.ts';
export const ProblemKind = z.enum(PROBLEM_KINDS);
export type ProblemKind = z.infer<typeof ProblemKind>;

export const PROBLEM_TYPE_PREFIX = 'urn:iess-clave:problem:';
export const problemType = (kind: ProblemKind): string => PROBLEM_TYPE_PREFIX + kind;

/** Machine-readable reasons a field was refused; the widget turns them into words (i18n). */
export const FIELD_ERROR_CODES = [
  'required',
  'format',
  'checksum',
  'province',
  'too-short',
  'too-long',
  'mismatch',
  'weak',
  'context',
  'blank',
  'ill-formed',
  'control-character',
  'line-separator',
  'format-character',
  'unassigned-character',
  'duplicate',
  'trivial',
  'not-enough',
  'unknown-question',
] as const;
export const FieldErrorCode = z.enum(FIELD_ERROR_CODES);
export type FieldErrorCode = z.infer<typeof FieldErrorCode>;

export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: int(400, 599),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  now: Instant,
  requestId: z.optional(z.string()),
  attemptsLeft: z.optional(int(0, 100)),
  lockedUntil: z.optional(Instant),
  expiresAt: z.optional(Instant),
  retryAfter: z.optional(int(0, 86_400)),
  /** Field path (e.g. `password`, `answers.2.answer`) -> reason codes. */
  fieldErrors: z.optional(z.record(z.string(), z.array(FieldErrorCode))),
});
export type Problem = z.infer<typeof Problem>;

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

export const PasswordPolicy = z.object({
  /** Counted in Unicode code points, after NFKC normalisation. */
  minLength: int(1, 1024),
  maxLength: int(1, 1024),
  /** Lowest zxcvbn score (0–4) accepted; 0 = no strength estimate (widget/domain/password.ts). */
  minScore: int(0, 4),
  /** The server refuses passwords built on the identification, names or "iess". */
  contextWords: z.boolean(),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;

export const Limits = z.object({
  maxAttempts: int(1, 100),
  lockMinutes: int(1, 100_000),
  linkLifetimeSeconds: int(1, 86_400),
  resendCooldownSeconds: int(0, 86_400),
  maxResends: int(0, 100),
  minSecurityQuestions: int(1, 10),
  flowLifetimeSeconds: int(1, 86_400),
  /** How often "Necesito más tiempo" may extend a flow (absent: the backend does not say; it still decides). */
  maxFlowExtensions: z.optional(int(0, 100)),
});
export type Limits = z.infer<typeof Limits>;

export const Declaration = z.object({
  version: text(1, 64),
  text: text(1, 2000),
});
export type Declaration = z.infer<typeof Declaration>;

/** ALTCHA proof of work (SHA-256, the widely deployed v1 challenge format). */
export const AltchaChallenge = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: text(1, 256),
  salt: text(1, 512),
  signature: text(1, 256),
  maxnumber: int(1, 100_000_000),
});
export type AltchaChallenge = z.infer<typeof AltchaChallenge>;

export const CaptchaInfo = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('altcha') }),
  z.object({ provider: z.literal('recaptcha'), siteKey: text(1, 200) }),
]);
export type CaptchaInfo = z.infer<typeof CaptchaInfo>;

export const QUESTION_KINDS = ['choice', 'text'] as const;
export const ChallengeQuestion = z.object({
  id: text(1, 64),
  text: text(1, 300),
  kind: z.enum(QUESTION_KINDS),
  /** Present for `choice` questions. */
  options: z.optional(z.array(z.object({ value: text(1, 64), label: text(1, 200) })).check(z.maxLength(12))),
});
export type ChallengeQuestion = z.infer<typeof ChallengeQuestion>;

export const Answer = z.object({
  questionId: text(1, 64),
  answer: text(1, 200),
});
export type Answer = z.infer<typeof Answer>;

/** What the person may know about the address on record: only its mask (SS-11). */
export const EmailOnRecord = z.object({
  onRecord: z.boolean(),
  masked: z.optional(text(3, 320)),
  /** No address on record and none can be registered online (the takeover bound): at an IESS office. */
  inPersonOnly: z.optional(z.boolean()),
});
export type EmailOnRecord = z.infer<typeof EmailOnRecord>;

export const Activation = z.object({
  sentTo: text(3, 320),
  from: text(3, 320),
  subject: z.literal('ACTIVACIÓN CLAVE'),
  expiresAt: Instant,
  resendAvailableAt: Instant,
  resendsLeft: int(0, 100),
  /**
   * The address is a new one typed in this flow: until a link is used it may be corrected with
   * `POST /v1/flows/current/email` `{ mode: "new" }` again ("Cambiar correo"; counts as a resend).
   */
  newAddress: z.optional(z.boolean()),
});
export type Activation = z.infer<typeof Activation>;

/** An answer's schema: every answer carries the server's `now`, so clients correct their clock (CS-13). */
const answer = <S extends z.core.$ZodLooseShape>(shape: S) => z.object({ now: Instant, ...shape });

// ---------------------------------------------------------------------------------------------
// Operations: requests and responses
// ---------------------------------------------------------------------------------------------

export const ConfigResponse = answer({
  apiVersion: z.literal(API_VERSION),
  policy: PasswordPolicy,
  limits: Limits,
  captcha: CaptchaInfo,
  declaration: Declaration,
});
export type ConfigResponse = z.infer<typeof ConfigResponse>;

export const CaptchaChallengeResponse = answer({
  challenge: AltchaChallenge,
});
export type CaptchaChallengeResponse = z.infer<typeof CaptchaChallengeResponse>;

/** The identification as a person gives it (BUSCAR, and the reference sign-in). */
const identified = { idType: IdType, id: text(1, 20) };

/** BUSCAR. */
export const StartFlowRequest = z.object({
  ...identified,
  /** Base64 ALTCHA payload, or the reCAPTCHA response token. */
  captcha: text(1, 8192),
});
export type StartFlowRequest = z.infer<typeof StartFlowRequest>;

export const StartFlowResponse = answer({
  /** Bearer token for /v1/flows/current*, 256 bits, kept in memory only. */
  flowToken: text(32, 256),
  flowExpiresAt: Instant,
  case: Case,
  /** The identification as the server echoes it, masked (e.g. `******5675`). */
  maskedId: text(1, 32),
  verification: z.object({
    questions: z.array(ChallengeQuestion).check(z.maxLength(10)),
    attemptsLeft: int(0, 100),
    maxAttempts: int(1, 100),
    /**
     * While the identification's recovery is locked, until when (with `attemptsLeft` 0). Given for
     * real and decoy flows alike, from the same per-identification counter (SS-04).
     */
    lockedUntil: z.optional(Instant),
  }),
});
export type StartFlowResponse = z.infer<typeof StartFlowResponse>;

/** CONTINUAR on the verification step (after ACEPTAR in the confirm dialog). */
export const VerifyRequest = z.object({
  birthDay: int(1, 31),
  birthMonth: int(1, 12),
  answers: z.array(Answer).check(z.maxLength(10)),
});
export type VerifyRequest = z.infer<typeof VerifyRequest>;

export const SecurityQuestionBank = z.object({
  questions: z.array(z.object({ id: text(1, 64), text: text(1, 300) })).check(z.maxLength(20)),
  min: int(1, 10),
});
export type SecurityQuestionBank = z.infer<typeof SecurityQuestionBank>;

export const VerifyResponse = answer({
  next: z.enum(['security-questions', 'email']),
  /** Present when next is `security-questions` (generar). */
  securityQuestions: z.optional(SecurityQuestionBank),
  email: EmailOnRecord,
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

/** generar only: at least `min` answers from the bank. */
export const SecurityQuestionsRequest = z.object({
  answers: z.array(Answer).check(z.minLength(1), z.maxLength(10)),
});
export type SecurityQuestionsRequest = z.infer<typeof SecurityQuestionsRequest>;

export const SecurityQuestionsResponse = answer({
  next: z.literal('email'),
  email: EmailOnRecord,
});
export type SecurityQuestionsResponse = z.infer<typeof SecurityQuestionsResponse>;

/** CONTINUAR + ACEPTAR on the e-mail step: the address on record, or a new one. */
export const EmailRequest = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('on-record') }),
  z.object({ mode: z.literal('new'), email: text(3, 254) }),
]);
export type EmailRequest = z.infer<typeof EmailRequest>;

export const ActivationResponse = answer({
  activation: Activation,
});
export type ActivationResponse = z.infer<typeof ActivationResponse>;

/** Polled by the waiting tab; also used to resume. */
export const FlowStatusResponse = answer({
  step: FlowStep,
  case: Case,
  flowExpiresAt: Instant,
  activation: z.optional(Activation),
});
export type FlowStatusResponse = z.infer<typeof FlowStatusResponse>;

/** "Necesito más tiempo": the flow lives its full lifetime again from now, within a hard cap (WCAG 2.2.1). */
export const FlowExtensionResponse = answer({
  flowExpiresAt: Instant,
  /** Extensions still allowed after this one. */
  extensionsLeft: int(0, 100),
});
export type FlowExtensionResponse = z.infer<typeof FlowExtensionResponse>;

/** The e-mail link's page: checks the token without using it up (SS-14). */
export const ActivationCheckRequest = z.object({ token: text(16, 256) });
export type ActivationCheckRequest = z.infer<typeof ActivationCheckRequest>;

export const ActivationCheckResponse = answer({
  case: Case,
  maskedId: text(1, 32),
  expiresAt: Instant,
  policy: PasswordPolicy,
  /**
   * The person's words the password rule checks against (identification, names, birth day and
   * month forms; passwordContextWords), so the page shows the server's own verdict before GENERAR.
   */
  passwordContext: z.array(text(1, 200)).check(z.maxLength(40)),
  declaration: Declaration,
});
export type ActivationCheckResponse = z.infer<typeof ActivationCheckResponse>;

/** GENERAR: declaration + new password, consumes the token atomically (SS-17, SS-20). */
export const ActivationCompleteRequest = z.object({
  token: text(16, 256),
  declarationAccepted: z.literal(true),
  declarationVersion: text(1, 64),
  password: text(1, 1024),
  passwordConfirmation: text(1, 1024),
});
export type ActivationCompleteRequest = z.infer<typeof ActivationCompleteRequest>;

export const ActivationCompleteResponse = answer({
  case: Case,
  completedAt: Instant,
});
export type ActivationCompleteResponse = z.infer<typeof ActivationCompleteResponse>;

/**
 * Reference sign-in, to prove the new password works. `captcha` (as in BUSCAR) is needed only
 * after a `captcha-required` answer: sign-in is never locked, but an identification under attack
 * from many places asks every client for a proof of work.
 */
export const SignInRequest = z.object({
  ...identified,
  password: text(1, 1024),
  captcha: z.optional(text(1, 8192)),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SignInResponse = answer({
  sessionToken: text(32, 256),
  expiresAt: Instant,
});
export type SignInResponse = z.infer<typeof SignInResponse>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  now: Instant,
  checks: z.optional(z.record(z.string(), z.enum(['ok', 'down', 'skipped']))),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

// ---------------------------------------------------------------------------------------------
// The operations table: one row per operation. The server mounts these; OpenAPI is generated
// from it. `auth: 'flow'` means `Authorization: Bearer <flowToken>`; `idempotent` means the
// request carries an `Idempotency-Key` header and a repeat returns the first answer.
// ---------------------------------------------------------------------------------------------

interface Operation {
  readonly id: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly request?: z.core.$ZodType;
  readonly response: z.core.$ZodType;
  readonly status: 200 | 201 | 202;
  readonly auth?: 'flow';
  readonly idempotent?: boolean;
  readonly problems: readonly ProblemKind[];
  /** `false`: a server route the widget never calls (it is not in the RecoveryApi port). */
  readonly widget?: false;
}

const common = ['validation', 'rate-limited', 'server', 'unavailable'] as const;
const flowCommon = [...common, 'flow-invalid', 'flow-expired', 'sequence'] as const;

export const operations = {
  getConfig: {
    id: 'getConfig',
    method: 'GET',
    path: '/v1/config',
    summary: 'Password policy, limits, captcha provider and declaration text',
    response: ConfigResponse,
    status: 200,
    problems: ['server', 'unavailable'],
  },
  getCaptchaChallenge: {
    id: 'getCaptchaChallenge',
    method: 'GET',
    path: '/v1/captcha/challenge',
    summary: 'A fresh ALTCHA proof-of-work challenge for "No soy un robot"',
    response: CaptchaChallengeResponse,
    status: 200,
    problems: ['rate-limited', 'server', 'unavailable'],
  },
  startFlow: {
    id: 'startFlow',
    method: 'POST',
    path: '/v1/flows',
    summary: 'BUSCAR: identify; answers the same way for known and unknown identifications',
    request: StartFlowRequest,
    response: StartFlowResponse,
    status: 201,
    idempotent: true,
    problems: [...common, 'captcha-failed', 'idempotency-conflict'],
  },
  getFlowStatus: {
    id: 'getFlowStatus',
    method: 'GET',
    path: '/v1/flows/current',
    summary: 'Where the flow stands (resume, and the waiting tab polls it)',
    response: FlowStatusResponse,
    status: 200,
    auth: 'flow',
    problems: ['flow-invalid', 'flow-expired', 'rate-limited', 'server', 'unavailable'],
  },
  extendFlow: {
    id: 'extendFlow',
    method: 'POST',
    path: '/v1/flows/current/extension',
    summary: '"Necesito más tiempo": the flow lives its full lifetime again, a bounded number of times, never past a hard cap',
    response: FlowExtensionResponse,
    status: 200,
    auth: 'flow',
    idempotent: true,
    problems: [...flowCommon, 'extension-limit', 'idempotency-conflict'],
  },
  verify: {
    id: 'verify',
    method: 'POST',
    path: '/v1/flows/current/verification',
    summary: 'CONTINUAR: day and month of birth and the challenge questions (5 attempts)',
    request: VerifyRequest,
    response: VerifyResponse,
    status: 200,
    auth: 'flow',
    idempotent: true,
    problems: [...flowCommon, 'verification-failed', 'locked', 'idempotency-conflict'],
  },
  setSecurityQuestions: {
    id: 'setSecurityQuestions',
    method: 'POST',
    path: '/v1/flows/current/security-questions',
    summary: 'generar only: answers to at least 3 of the bank of 10 security questions',
    request: SecurityQuestionsRequest,
    response: SecurityQuestionsResponse,
    status: 200,
    auth: 'flow',
    idempotent: true,
    problems: [...flowCommon, 'idempotency-conflict'],
  },
  sendActivation: {
    id: 'sendActivation',
    method: 'POST',
    path: '/v1/flows/current/email',
    summary: 'CONTINUAR + ACEPTAR: send "ACTIVACIÓN CLAVE" to the address on record or a new one',
    request: EmailRequest,
    response: ActivationResponse,
    status: 202,
    auth: 'flow',
    idempotent: true,
    problems: [...flowCommon, 'email-limit', 'in-person-required', 'idempotency-conflict'],
  },
  resendActivation: {
    id: 'resendActivation',
    method: 'POST',
    path: '/v1/flows/current/email/resend',
    summary: 'Send a new link; the earlier one stops working',
    response: ActivationResponse,
    status: 202,
    auth: 'flow',
    idempotent: true,
    problems: [...flowCommon, 'idempotency-conflict'],
  },
  checkActivation: {
    id: 'checkActivation',
    method: 'POST',
    path: '/v1/activation/check',
    summary: 'The CLIC PARA CONTINUAR page: is the link still good? Does not use it up',
    request: ActivationCheckRequest,
    response: ActivationCheckResponse,
    status: 200,
    problems: [...common, 'link-expired', 'link-used', 'link-invalid'],
  },
  resendFromLink: {
    id: 'resendFromLink',
    method: 'POST',
    path: '/v1/activation/resend',
    summary:
      '"Enviar un nuevo correo" on an EXPIRED link\'s page (any device): a new link to the same address; the resend rules and caps apply',
    request: ActivationCheckRequest,
    response: ActivationResponse,
    status: 202,
    idempotent: true,
    problems: [...common, 'link-used', 'link-invalid', 'flow-expired', 'sequence', 'idempotency-conflict'],
  },
  completeActivation: {
    id: 'completeActivation',
    method: 'POST',
    path: '/v1/activation/complete',
    summary: 'GENERAR: accept the declaration and set the new password; uses the link up',
    request: ActivationCompleteRequest,
    response: ActivationCompleteResponse,
    status: 200,
    idempotent: true,
    problems: [...common, 'link-expired', 'link-used', 'link-invalid', 'password-rejected', 'idempotency-conflict'],
  },
  signIn: {
    id: 'signIn',
    method: 'POST',
    path: '/v1/sessions',
    summary: 'Reference sign-in, to prove the new password works',
    request: SignInRequest,
    response: SignInResponse,
    status: 201,
    widget: false,
    problems: [...common, 'invalid-credentials', 'captcha-required', 'captcha-failed'],
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;
export type Operations = typeof operations;
