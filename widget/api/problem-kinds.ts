/**
 * The contract's problem kinds (RFC 9457 `type` suffixes) and their HTTP statuses, declared once.
 * In a module of its own, without zod: the flow controller recognises kinds before the contract
 * (which loads lazily) is there; contract.ts wraps the list in its schema.
 */
export const PROBLEM_STATUS = {
  validation: 400, // the request body or a field is malformed (fieldErrors)
  'captcha-failed': 400, // the "No soy un robot" proof is missing, wrong, expired or reused
  'captcha-required': 428, // sign-in for an identification under attack from many places needs a proof of work (`captcha`)
  'verification-failed': 422, // birth date or answers do not match (attemptsLeft)
  locked: 423, // too many failed verifications for this identification (lockedUntil)
  'flow-expired': 401, // the flow token is past its lifetime (start again)
  'flow-invalid': 401, // no flow token, or an unknown one
  sequence: 409, // the operation does not fit the flow's current step
  'extension-limit': 409, // the flow was already extended as often, or as far, as allowed
  'link-expired': 410, // the activation link is past its 3 minutes (expiresAt)
  'link-used': 409, // the activation link was already used
  'link-invalid': 404, // the activation link is unknown or was replaced by a newer one
  'password-rejected': 422, // the new password breaks the policy (fieldErrors with reasons)
  'email-limit': 429, // a new address was already registered in the last 24 hours
  'in-person-required': 403, // no address on record and a new one can't be registered online: at an IESS office
  'rate-limited': 429, // too many requests (retryAfter, Retry-After header)
  'invalid-credentials': 401, // sign-in refused
  'idempotency-conflict': 409, // the same Idempotency-Key was reused with another body
  'not-found': 404, // no such route
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  server: 500,
  unavailable: 503, // a dependency (database, mail) is down, or too many argon2id operations wait; try again
} as const;

export type ProblemKind = keyof typeof PROBLEM_STATUS;
export const PROBLEM_KINDS = Object.keys(PROBLEM_STATUS) as [ProblemKind, ...ProblemKind[]];

/** Kinds only a client can observe: no answer, no answer in time, an answer that breaks the contract. */
export const CLIENT_ERROR_KINDS = ['network', 'timeout', 'bad-response'] as const;

/** Kinds a client sees: every server problem kind plus the client's own. */
export type ApiErrorKind = ProblemKind | (typeof CLIENT_ERROR_KINDS)[number];

export function isApiErrorKind(kind: string): kind is ApiErrorKind {
  return Object.hasOwn(PROBLEM_STATUS, kind) || (CLIENT_ERROR_KINDS as readonly string[]).includes(kind);
}
