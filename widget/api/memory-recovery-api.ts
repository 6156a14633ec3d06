/**
 * A RecoveryApi that runs the whole /v1 procedure in memory, for demos, documentation pages and
 * trying the widget without a backend: `el.api = createMemoryRecoveryApi({ onMail })`. It follows
 * docs/protocol.md (5 attempts per identification then a lock, decoy flows for unknown
 * identifications, the 3-minute single-use link that a resend replaces, idempotent repeats) but
 * it is NOT a security boundary: everything lives in the page. The "e-mail" is handed to
 * `onMail`, with the activation token a real mail would carry in its link.
 */
import {
  API_VERSION,
  problemType,
  PROBLEM_STATUS,
  type Activation,
  type ChallengeQuestion,
  type ConfigResponse,
  type FieldErrorCode,
  type Problem,
  type ProblemKind,
} from './contract.ts';
import { RecoveryApiError, type CallOptions, type RecoveryApi } from './recovery-api.ts';
import { validateCedula } from '../domain/cedula.ts';
import { validateForeignerCode } from '../domain/foreigner-code.ts';
import { validateEmail } from '../domain/email.ts';
import { isTrivialAnswer, normalizeAnswer } from '../domain/answers.ts';
import { checkPassword } from '../domain/password.ts';
import { maskEmail, maskIdentification } from '../domain/mask.ts';
import { sha256Hex } from '../captcha/sha256.ts';

export interface MemoryIdentity {
  idType: 'cedula' | 'extranjero';
  id: string;
  birthDay: number;
  birthMonth: number;
  /** Has a portal password: the case is recuperar; else generar. */
  password?: string;
  /** recuperar: the person's own security answers (two are asked). */
  securityAnswers?: Record<string, string>;
  /** The verified address on record, if any. */
  email?: string;
}

export interface MemoryMail {
  to: string;
  subject: 'ACTIVACIÓN CLAVE';
  /** The activation token a real mail carries in its link's fragment. */
  token: string;
  expiresAt: string;
}

export interface MemoryRecoveryApiOptions {
  identities?: MemoryIdentity[];
  onMail?: (mail: MemoryMail) => void;
  /** The server clock in ms (tests pass a fake one). */
  now?: () => number;
  /** Upper bound of the proof-of-work number; small by default so demos solve it at once. */
  captchaMaxNumber?: number;
}

/** Synthetic demo people (security-anchors.md §6 vectors): one per case. */
export const MEMORY_DEMO_IDENTITIES: MemoryIdentity[] = [
  {
    idType: 'cedula',
    id: '1712345675',
    birthDay: 14,
    birthMonth: 3,
    password: 'una clave de antes muy larga',
    securityAnswers: { 'sq-mascota': 'Firulais', 'sq-ciudad-madre': 'Cuenca' },
    email: 'maria.perez@example.com',
  },
  { idType: 'cedula', id: '0920000015', birthDay: 2, birthMonth: 11 },
];

const TEXT_QUESTIONS: Record<string, string> = {
  'sq-mascota': '¿Cuál es el nombre de su primera mascota?',
  'sq-ciudad-madre': '¿En qué ciudad nació su madre?',
};
const BANK = [
  ['sq-mascota', '¿Cuál es el nombre de su primera mascota?'],
  ['sq-ciudad-madre', '¿En qué ciudad nació su madre?'],
  ['sq-escuela', '¿Cómo se llamaba su escuela primaria?'],
  ['sq-amigo', '¿Cuál es el nombre de su mejor amigo de la infancia?'],
  ['sq-comida', '¿Cuál es su comida favorita?'],
  ['sq-libro', '¿Cuál es el título de su libro favorito?'],
  ['sq-calle', '¿En qué calle vivía cuando era niño?'],
  ['sq-primer-trabajo', '¿Cuál fue su primer trabajo?'],
  ['sq-abuelo', '¿Cuál es el segundo nombre de su abuelo materno?'],
  ['sq-equipo', '¿Cuál es su equipo de fútbol favorito?'],
] as const;
/** generar: one multiple-choice question; option `b` is right for everyone in the demo. */
const CHOICE_QUESTION: ChallengeQuestion = {
  id: 'iq-primer-aporte',
  text: '¿En qué año realizó su primer aporte?',
  kind: 'choice',
  options: [
    { value: 'a', label: '2004' },
    { value: 'b', label: '2008' },
    { value: 'c', label: '2012' },
    { value: 'd', label: 'Ninguno de los anteriores' },
  ],
};

const TITLES: Partial<Record<ProblemKind, string>> = {
  validation: 'Los datos enviados no son válidos.',
  'captcha-failed': 'No se pudo comprobar que no es un robot. Inténtelo de nuevo.',
  'verification-failed': 'La información ingresada no coincide con nuestros registros.',
  locked: 'Ha superado el número de intentos permitidos.',
  'flow-invalid': 'El trámite no es válido. Empiece de nuevo.',
  'flow-expired': 'La sesión del trámite ha caducado. Empiece de nuevo.',
  sequence: 'Esta acción no corresponde al paso actual del trámite.',
  'link-expired': 'El enlace de activación ha caducado.',
  'link-used': 'El enlace de activación ya fue utilizado.',
  'link-invalid': 'El enlace de activación no es válido.',
  'password-rejected': 'La nueva clave no cumple las condiciones.',
  'rate-limited': 'Espere antes de volver a intentarlo.',
  'invalid-credentials': 'Identificación o clave incorrecta.',
  'idempotency-conflict': 'La solicitud repetida no coincide con la original.',
};

type Step = 'verification' | 'security-questions' | 'email' | 'activation-sent' | 'completed';

interface Flow {
  key: string;
  identity: MemoryIdentity | undefined; // undefined: a decoy flow (unknown identification)
  case: 'generar' | 'recuperar';
  step: Step;
  expiresAt: number;
  questions: ChallengeQuestion[];
  newEmail?: string;
  activation?: Activation;
  tokens: string[];
}

const randomToken = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

export function createMemoryRecoveryApi(options: MemoryRecoveryApiOptions = {}): RecoveryApi {
  const clock = options.now ?? (() => Date.now());
  const iso = (ms: number) => new Date(ms).toISOString();
  const people = new Map((options.identities ?? MEMORY_DEMO_IDENTITIES).map((p) => [`${p.idType}:${p.id}`, { ...p }]));
  const config: ConfigResponse = {
    now: iso(clock()),
    apiVersion: API_VERSION,
    policy: { minLength: 12, maxLength: 128, blocklist: false, contextWords: true },
    limits: {
      maxAttempts: 5,
      lockMinutes: 120,
      linkLifetimeSeconds: 180,
      resendCooldownSeconds: 60,
      maxResends: 3,
      minSecurityQuestions: 3,
      flowLifetimeSeconds: 900,
    },
    captcha: { provider: 'altcha' },
    declaration: { version: 'demo-1', text: 'Declaro que toda la información registrada es fidedigna.' },
  };
  const attempts = new Map<string, { failures: number; lockedUntil?: number }>();
  const flows = new Map<string, Flow>();
  const links = new Map<string, { flow: Flow; expiresAt: number; used: boolean }>();
  const challenges = new Set<string>();
  const usedCaptchas = new Set<string>();
  const idempotent = new Map<string, { body: string; result: Promise<unknown> }>();

  const fail = (kind: ProblemKind, extra: Partial<Problem> = {}): never => {
    const problem: Problem = { type: problemType(kind), title: TITLES[kind] ?? kind, status: PROBLEM_STATUS[kind], now: iso(clock()), ...extra };
    throw new RecoveryApiError(kind, { status: problem.status, problem });
  };
  const invalid = (field: string, code: FieldErrorCode): never => fail('validation', { fieldErrors: { [field]: [code] } });

  /** Runs one operation: honours the abort signal and replays idempotent repeats. */
  function run<T>(op: string, body: unknown, opts: CallOptions | undefined, work: () => T): Promise<T> {
    try {
      opts?.signal?.throwIfAborted();
    } catch (reason) {
      return Promise.reject(reason);
    }
    const key = opts?.idempotencyKey;
    if (key === undefined) return Promise.resolve().then(work);
    const id = `${op}:${key}`;
    const serialized = JSON.stringify(body ?? null);
    const seen = idempotent.get(id);
    if (seen) {
      return seen.body === serialized ? (seen.result as Promise<T>) : Promise.resolve().then(() => fail('idempotency-conflict'));
    }
    const result = Promise.resolve().then(work);
    idempotent.set(id, { body: serialized, result });
    return result;
  }

  const flowOf = (token: string, steps: Step[]): Flow => {
    const flow = flows.get(token) ?? fail('flow-invalid');
    if (clock() > flow.expiresAt) fail('flow-expired');
    if (!steps.includes(flow.step)) fail('sequence');
    return flow;
  };
  const emailOnRecord = (flow: Flow) =>
    flow.identity?.email ? { onRecord: true, masked: maskEmail(flow.identity.email) } : { onRecord: false };

  function send(flow: Flow, to: string, resendsLeft: number): Activation {
    for (const old of flow.tokens) links.delete(old);
    const token = randomToken();
    const now = clock();
    const expiresAt = now + config.limits.linkLifetimeSeconds * 1000;
    links.set(token, { flow, expiresAt, used: false });
    flow.tokens = [token];
    flow.step = 'activation-sent';
    flow.activation = {
      sentTo: maskEmail(to),
      from: 'no-responder@iess.gob.ec',
      subject: 'ACTIVACIÓN CLAVE',
      expiresAt: iso(expiresAt),
      resendAvailableAt: iso(now + config.limits.resendCooldownSeconds * 1000),
      resendsLeft,
    };
    if (flow.identity) options.onMail?.({ to, subject: 'ACTIVACIÓN CLAVE', token, expiresAt: iso(expiresAt) });
    return flow.activation;
  }

  const linkOf = (token: string) => {
    const link = links.get(token) ?? fail('link-invalid');
    if (link.used) fail('link-used');
    if (clock() > link.expiresAt) fail('link-expired', { expiresAt: iso(link.expiresAt) });
    return link;
  };

  return {
    getConfig: (o) => run('getConfig', undefined, o, () => ({ ...config, now: iso(clock()) })),

    getCaptchaChallenge: (o) =>
      run('getCaptchaChallenge', undefined, o, () => {
        const salt = randomToken().slice(0, 16);
        const max = options.captchaMaxNumber ?? 2000;
        const number = Math.floor(Math.random() * (max + 1));
        const challenge = sha256Hex(salt + number);
        challenges.add(challenge);
        return { now: iso(clock()), challenge: { algorithm: 'SHA-256' as const, challenge, salt, signature: 'memory', maxnumber: max } };
      }),

    startFlow: (body, o) =>
      run('startFlow', body, o, () => {
        const checked = body.idType === 'cedula' ? validateCedula(body.id) : validateForeignerCode(body.id);
        if (!checked.ok) invalid('id', checked.reason === 'empty' ? 'required' : checked.reason === 'province' || checked.reason === 'checksum' ? checked.reason : 'format');
        let proof: { challenge?: string; salt?: string; number?: number } = {};
        try {
          proof = JSON.parse(atob(body.captcha)) as typeof proof;
        } catch {
          /* refused below */
        }
        const ok =
          typeof proof.challenge === 'string' &&
          challenges.has(proof.challenge) &&
          !usedCaptchas.has(proof.challenge) &&
          sha256Hex(`${proof.salt}${proof.number}`) === proof.challenge;
        if (!ok) fail('captcha-failed');
        usedCaptchas.add(proof.challenge!);
        const id = checked.ok ? checked.value : '';
        const identity = people.get(`${body.idType}:${id}`);
        const flowCase = identity ? (identity.password ? 'recuperar' : 'generar') : 'recuperar';
        const questions =
          flowCase === 'recuperar'
            ? Object.entries(TEXT_QUESTIONS).map(([qid, text]) => ({ id: qid, text, kind: 'text' as const }))
            : [CHOICE_QUESTION];
        const flowToken = randomToken();
        const flow: Flow = { key: `${body.idType}:${id}`, identity, case: flowCase, step: 'verification', expiresAt: clock() + config.limits.flowLifetimeSeconds * 1000, questions, tokens: [] };
        flows.set(flowToken, flow);
        const used = attempts.get(flow.key)?.failures ?? 0;
        return {
          now: iso(clock()),
          flowToken,
          flowExpiresAt: iso(flow.expiresAt),
          case: flowCase,
          maskedId: maskIdentification(id),
          verification: { questions, attemptsLeft: Math.max(0, config.limits.maxAttempts - used), maxAttempts: config.limits.maxAttempts },
        };
      }),

    getFlowStatus: (o) =>
      run('getFlowStatus', undefined, o, () => {
        const flow = flowOf(o.flowToken, ['verification', 'security-questions', 'email', 'activation-sent', 'completed']);
        return { now: iso(clock()), step: flow.step, case: flow.case, flowExpiresAt: iso(flow.expiresAt), ...(flow.activation ? { activation: flow.activation } : {}) };
      }),

    verify: (body, o) =>
      run('verify', body, o, () => {
        const flow = flowOf(o.flowToken, ['verification']);
        const record = attempts.get(flow.key) ?? { failures: 0 };
        attempts.set(flow.key, record);
        if (record.lockedUntil !== undefined && clock() < record.lockedUntil) fail('locked', { lockedUntil: iso(record.lockedUntil) });
        const person = flow.identity;
        const given = new Map(body.answers.map((a) => [a.questionId, a.answer]));
        const right =
          person !== undefined &&
          person.birthDay === body.birthDay &&
          person.birthMonth === body.birthMonth &&
          flow.questions.every((q) =>
            q.kind === 'choice'
              ? given.get(q.id) === 'b'
              : normalizeAnswer(given.get(q.id) ?? '') === normalizeAnswer(person.securityAnswers?.[q.id] ?? '\u0000'),
          );
        if (!right) {
          record.failures++;
          const attemptsLeft = Math.max(0, config.limits.maxAttempts - record.failures);
          if (attemptsLeft === 0) {
            record.lockedUntil = clock() + config.limits.lockMinutes * 60_000;
            record.failures = 0;
            fail('locked', { attemptsLeft: 0, lockedUntil: iso(record.lockedUntil) });
          }
          fail('verification-failed', { attemptsLeft });
        }
        record.failures = 0;
        if (flow.case === 'generar') {
          flow.step = 'security-questions';
          return {
            now: iso(clock()),
            next: 'security-questions' as const,
            securityQuestions: { questions: BANK.map(([id, text]) => ({ id, text })), min: config.limits.minSecurityQuestions },
            email: emailOnRecord(flow),
          };
        }
        flow.step = 'email';
        return { now: iso(clock()), next: 'email' as const, email: emailOnRecord(flow) };
      }),

    setSecurityQuestions: (body, o) =>
      run('setSecurityQuestions', body, o, () => {
        const flow = flowOf(o.flowToken, ['security-questions']);
        const ids = body.answers.map((a) => a.questionId);
        if (new Set(ids).size !== ids.length) invalid('answers', 'duplicate');
        if (ids.length < config.limits.minSecurityQuestions) invalid('answers', 'not-enough');
        body.answers.forEach((a, i) => {
          if (!BANK.some(([id]) => id === a.questionId)) invalid(`answers.${i}.questionId`, 'unknown-question');
          if (isTrivialAnswer(a.answer)) invalid(`answers.${i}.answer`, 'trivial');
        });
        flow.step = 'email';
        return { now: iso(clock()), next: 'email' as const, email: emailOnRecord(flow) };
      }),

    sendActivation: (body, o) =>
      run('sendActivation', body, o, () => {
        const flow = flowOf(o.flowToken, ['email']);
        let to = flow.identity?.email;
        if (body.mode === 'new') {
          const checked = validateEmail(body.email);
          if (!checked.ok) invalid('email', 'format');
          to = checked.ok ? checked.value : undefined;
          flow.newEmail = to;
        }
        if (to === undefined) invalid('email', 'required');
        return { now: iso(clock()), activation: send(flow, to!, config.limits.maxResends) };
      }),

    resendActivation: (o) =>
      run('resendActivation', undefined, o, () => {
        const flow = flowOf(o.flowToken, ['activation-sent']);
        const previous = flow.activation!;
        const wait = Math.ceil((Date.parse(previous.resendAvailableAt) - clock()) / 1000);
        if (wait > 0 || previous.resendsLeft === 0) fail('rate-limited', { retryAfter: Math.max(0, wait) });
        const to = flow.newEmail ?? flow.identity?.email ?? '';
        return { now: iso(clock()), activation: send(flow, to, previous.resendsLeft - 1) };
      }),

    checkActivation: (token, o) =>
      run('checkActivation', { token }, o, () => {
        const link = linkOf(token);
        return {
          now: iso(clock()),
          case: link.flow.case,
          maskedId: maskIdentification(link.flow.key.slice(link.flow.key.indexOf(':') + 1)),
          expiresAt: iso(link.expiresAt),
          policy: config.policy,
          declaration: config.declaration,
        };
      }),

    completeActivation: (body, o) =>
      run('completeActivation', body, o, () => {
        const link = linkOf(body.token);
        const person = link.flow.identity!;
        const results = checkPassword(body.password, body.passwordConfirmation, config.policy, { identification: person.id });
        const codes: Record<string, FieldErrorCode[]> = {};
        for (const r of results) {
          if (r.ok) continue;
          const [field, code]: [string, FieldErrorCode] =
            r.rule === 'match' ? ['passwordConfirmation', 'mismatch'] : ['password', r.rule === 'min-length' ? 'too-short' : r.rule === 'max-length' ? 'too-long' : 'context'];
          (codes[field] ??= []).push(code);
        }
        if (Object.keys(codes).length > 0) fail('password-rejected', { fieldErrors: codes });
        link.used = true;
        person.password = body.password;
        if (link.flow.newEmail) person.email = link.flow.newEmail;
        link.flow.step = 'completed';
        return { now: iso(clock()), case: link.flow.case, completedAt: iso(clock()) };
      }),

    signIn: (body, o) =>
      run('signIn', body, o, () => {
        const person = people.get(`${body.idType}:${body.id}`);
        if (!person?.password || person.password !== body.password) fail('invalid-credentials');
        return { now: iso(clock()), sessionToken: randomToken(), expiresAt: iso(clock() + 30 * 60_000) };
      }),
  };
}
