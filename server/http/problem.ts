/** RFC 9457 problems with the contract's stable kinds (docs/protocol.md). */
import type { FieldErrorCode, Problem, ProblemKind } from '../../widget/api/contract.ts';
import { PROBLEM_STATUS, problemType } from '../../widget/api/contract.ts';

const TITLES: Record<ProblemKind, string> = {
  validation: 'Los datos enviados no son válidos.',
  'captcha-failed': 'No pudimos comprobar que usted no es un robot. Inténtelo de nuevo.',
  'captcha-required': 'Complete la verificación «No soy un robot» para continuar.',
  'verification-failed': 'Los datos ingresados no coinciden con nuestros registros.',
  locked: 'Ha superado el número de intentos permitidos. Inténtelo más tarde.',
  'flow-expired': 'El tiempo para completar el trámite terminó. Empiece de nuevo.',
  'flow-invalid': 'La solicitud no es válida. Empiece de nuevo.',
  sequence: 'Este paso no corresponde en este momento.',
  'extension-limit': 'El tiempo de este trámite ya no se puede ampliar.',
  'link-expired': 'El enlace caducó. Solicite un nuevo correo.',
  'link-used': 'El enlace ya fue utilizado.',
  'link-invalid': 'El enlace no es válido.',
  'password-rejected': 'La nueva clave no cumple los requisitos.',
  'email-limit': 'Ya se registró un correo nuevo en las últimas 24 horas.',
  'in-person-required': 'Para registrar un correo nuevo acérquese a una oficina del IESS con su cédula.',
  'rate-limited': 'Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.',
  'invalid-credentials': 'Identificación o clave incorrecta.',
  'idempotency-conflict': 'La solicitud repetida no coincide con la original.',
  'not-found': 'No encontrado.',
  'payload-too-large': 'La solicitud es demasiado grande.',
  'unsupported-media-type': 'La solicitud debe enviarse como JSON.',
  server: 'Ocurrió un error. Inténtelo más tarde.',
  unavailable: 'El servicio no está disponible en este momento. Inténtelo más tarde.',
};

export interface ProblemExtras {
  attemptsLeft?: number;
  lockedUntil?: Date;
  expiresAt?: Date;
  retryAfter?: number;
  fieldErrors?: Record<string, FieldErrorCode[]>;
}

export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly extras: ProblemExtras = {},
  ) {
    super(kind);
    this.name = 'ProblemError';
  }
  get status(): number {
    return PROBLEM_STATUS[this.kind];
  }
}

export function problemBody(kind: ProblemKind, now: Date, extras: ProblemExtras = {}, requestId?: string): Problem {
  const body: Problem = { type: problemType(kind), title: TITLES[kind], status: PROBLEM_STATUS[kind], now: now.toISOString() };
  if (requestId) body.requestId = requestId;
  if (extras.attemptsLeft !== undefined) body.attemptsLeft = extras.attemptsLeft;
  if (extras.lockedUntil) body.lockedUntil = extras.lockedUntil.toISOString();
  if (extras.expiresAt) body.expiresAt = extras.expiresAt.toISOString();
  if (extras.retryAfter !== undefined) body.retryAfter = Math.min(86_400, Math.max(0, Math.ceil(extras.retryAfter)));
  if (extras.fieldErrors) body.fieldErrors = extras.fieldErrors;
  return body;
}

/** zod issues -> `{ "answers.2.answer": ["format"] }`. */
export function fieldErrorsFromIssues(issues: ReadonlyArray<{ path: PropertyKey[]; code: string }>): Record<string, FieldErrorCode[]> {
  const out: Record<string, FieldErrorCode[]> = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.') || 'body';
    const code: FieldErrorCode =
      i.code === 'invalid_type' && i.path.length
        ? 'required'
        : i.code === 'too_small'
          ? 'too-short'
          : i.code === 'too_big'
            ? 'too-long'
            : 'format';
    const list = (out[key] ??= []);
    if (!list.includes(code)) list.push(code);
  }
  return out;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function problemReply(err: ProblemError, now: Date, requestId?: string): Reply {
  const body = problemBody(err.kind, now, err.extras, requestId);
  return { status: body.status, body, headers: body.retryAfter !== undefined ? { 'Retry-After': String(body.retryAfter) } : {} };
}
