/**
 * Differential: the widget and the server judge the same input the same way. The same generated
 * inputs go to what the widget's steps use (the widget/domain rules, as the steps call them) and
 * to what the server uses (the contract's request schema, then the use case's own check), and
 * the verdicts must be identical. Only what the widget cannot know is left out: the person's
 * names for security answers (server only, by design); for passwords the widget gets the
 * person's words from the link check, so even the strength verdict is the same.
 * The five inputs on which the two sides once disagreed have their own tests at the end.
 */
import { describe, expect, it } from 'vitest';
import { ActivationCompleteRequest, EmailRequest, StartFlowRequest, type FieldErrorCode, type IdType } from '../../widget/api/contract.ts';
import { answerProblem } from '../../widget/domain/answers.ts';
import { cedulaCheckDigit } from '../../widget/domain/cedula.ts';
import { EMAIL_FIELD_ERROR, normalizeEmail, validateEmail } from '../../widget/domain/email.ts';
import { IDENTIFICATION_FIELD_ERROR, validateIdentification } from '../../widget/domain/identification.ts';
import { maskEmail, maskIdentification } from '../../widget/domain/mask.ts';
import { checkPassword, passwordAcceptable, passwordContextWords, passwordFieldErrors } from '../../widget/domain/password.ts';
import { estimatePasswordStrength } from '../../widget/domain/password-strength.ts';
import { fitsMask } from '../../widget/flow/machine.ts';
import { testConfig } from '../../server/config.ts';
import { ownerContextWords, refusePassword } from '../../server/domain/password-policy.ts';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import { ProblemError } from '../../server/http/problem.ts';
import { answerErrors } from '../../server/usecases/security-questions.ts';
import { newAddress } from '../../server/usecases/send-activation.ts';
import { checkedIdentification } from '../../server/usecases/start-flow.ts';
import { seededRandom } from '../../server/registry/synthetic.ts';

/** Reproducible inputs: the registry's own seeded generator (mulberry32). */
const prng = seededRandom;
const rand = prng(13);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const ODD = [
  '',
  ' ',
  '.',
  '..',
  '-',
  '_',
  '+',
  '%',
  "'",
  '"',
  '@',
  'ñ',
  'é',
  'ß',
  '😀',
  '\ud83d',
  '\u0301',
  '\t',
  '\n',
  '\u2028',
  '\u00a0',
  '１',
  '＠',
  '‐',
];
const noise = (max: number) => Array.from({ length: Math.floor(rand() * max) }, () => pick(ODD)).join('');

/** No lone surrogate (with the u flag a pair is one code point, so only halves match). */
const wellFormed = (s: string) => !/\p{Surrogate}/u.test(s);

/** The server's verdict: ok with the stored value, or the field codes of its validation problem. */
function server(run: () => string): { ok: true; value: string } | { ok: false; codes: FieldErrorCode[] } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return { ok: false, codes: Object.values(error.extras.fieldErrors ?? {}).flat() };
  }
}

// ---- e-mail addresses ------------------------------------------------------------------------

const LOCALS = [
  'ana',
  'Ana.Maria',
  'a..b',
  '.a',
  'a.',
  'ana%x',
  "o'brien",
  'a+iess',
  'a b',
  '"ana"',
  'ñandú',
  '😀x',
  'x'.repeat(64),
  'x'.repeat(65),
  'a\u0000b',
  '',
  'a@b',
];
const DOMAINS = [
  'correo.ec',
  'GMAIL.COM',
  'ñandú.ec',
  'ÑANDÚ.EC',
  'xn--and-6ma2c.ec',
  'ｇｍａｉｌ.com',
  'straße.de',
  'correo.iess.gob.ec',
  'a_b.com',
  '-a.com',
  'a-.com',
  'gmail',
  'gmail.c',
  'gmail.123',
  'ab--cd.ec',
  'café.com.ec',
  'b'.repeat(63) + '.ec',
  `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.ec`,
  '',
];
const emails = [
  ...LOCALS.flatMap((l) => DOMAINS.map((d) => `${l}@${d}`)),
  ...Array.from({ length: 3000 }, () => `${noise(2)}${pick(LOCALS)}${noise(3)}@${noise(2)}${pick(DOMAINS)}${noise(2)}`),
];

/** What the e-mail step sends when it accepts the input (iess-paso-correo), or undefined. */
function widgetEmail(typed: string): { ok: true; value: string } | { ok: false; code: FieldErrorCode } {
  const r = validateEmail(typed);
  return r.ok ? { ok: true, value: normalizeEmail(typed) } : { ok: false, code: EMAIL_FIELD_ERROR[r.reason] };
}

/** What the server does with `{ mode: 'new', email }`: the contract, then the use case's check. */
function serverEmail(email: string) {
  return server(() => {
    const body = EmailRequest.safeParse({ mode: 'new', email });
    if (!body.success || body.data.mode !== 'new') throw new ProblemError('validation', { fieldErrors: { email: ['format'] } });
    return newAddress(body.data.email);
  });
}

// ---- identifications ------------------------------------------------------------------------

const randomCedula = () => {
  const nine =
    String(Math.floor(rand() * 24) + 1).padStart(2, '0') + Math.floor(rand() * 7) + String(Math.floor(rand() * 1e6)).padStart(6, '0');
  return nine + cedulaCheckDigit(nine);
};
const identifications: Array<[IdType, string]> = Array.from({ length: 3000 }, () => {
  const base = pick([
    randomCedula(),
    randomCedula(),
    'E0012345',
    'ext-0001 2345',
    'AB12',
    'ab123',
    'x'.repeat(21),
    '1712345675',
    '171234567-5',
  ]);
  const typed =
    rand() < 0.5 ? base : base.slice(0, Math.floor(rand() * base.length)) + noise(2) + base.slice(Math.floor(rand() * base.length));
  return [pick(['cedula', 'extranjero'] as const), typed];
});

// ---- passwords and answers --------------------------------------------------------------------

const policy = testConfig().policy;
// Fewer than the other inputs: every one runs the strength estimator twice (milliseconds each).
const passwords: Array<[string, string]> = Array.from({ length: 250 }, () => {
  const p =
    pick([
      'cielo azul sobre el Cotopaxi',
      'corta',
      'mi1712345675clave',
      'nueva-CLAVE-segura',
      'canción-del-mar',
      'ﬁdel-es-fiel-1',
      '😀'.repeat(12),
      'a'.repeat(129),
      'Password123456789',
      'pérez tostado 1503 volcán',
      'lluvia\u200bfría sobre el páramo',
    ]) + noise(3);
  const c = rand() < 0.6 ? p : rand() < 0.5 ? p.normalize('NFD') : p + noise(2);
  return [p, c];
});
const answers = Array.from(
  { length: 3000 },
  () =>
    pick(['Firulais', 'no sé', 'No sé.', 'nose', '1987', '19870', '123456789', 'aaaa', 'ab', 'Quito', 'n/a', 'Escuela 24', '']) + noise(3),
);

describe('widget and server give the same verdicts on the same input', () => {
  it('e-mail addresses (IDN, odd local parts, separators, lengths): accepted by both with the same stored value, or refused by both', () => {
    let accepted = 0;
    for (const typed of emails) {
      const w = widgetEmail(typed);
      // The server gets what the widget would send; what the widget refuses, another client may send raw.
      const s = serverEmail(w.ok ? w.value : typed);
      expect({ typed, ok: s.ok }).toEqual({ typed, ok: w.ok });
      if (w.ok && s.ok) {
        accepted++;
        expect(s.value).toBe(w.value);
      }
      if (!w.ok && !s.ok && EmailRequest.safeParse({ mode: 'new', email: typed }).success) expect(s.codes).toEqual([w.code]);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('identifications (cédula and foreigner code, with separators and noise)', () => {
    let accepted = 0;
    for (const [idType, typed] of identifications) {
      const w = validateIdentification(idType, typed);
      const s = server(() => {
        const body = StartFlowRequest.safeParse({ idType, id: w.ok ? w.value : typed, captcha: 'x' });
        if (!body.success) throw new ProblemError('validation', { fieldErrors: { id: ['format'] } });
        return checkedIdentification(body.data.idType, body.data.id);
      });
      expect({ idType, typed, ok: s.ok }).toEqual({ idType, typed, ok: w.ok });
      if (w.ok && s.ok) {
        accepted++;
        expect(s.value).toBe(w.value);
      }
      if (!w.ok && !s.ok && typed.length <= 20 && typed.length > 0) expect(s.codes).toEqual([IDENTIFICATION_FIELD_ERROR[w.reason]]);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('masks: the server masks an identification so that the widget recognises it (fitsMask), and only it', () => {
    // Well-formed inputs only: a lone surrogate typed in stays one when shown (it is never valid anyway).
    for (const [, typed] of identifications.filter(([, t]) => wellFormed(t))) {
      const masked = maskIdentification(typed);
      expect(fitsMask(typed, masked)).toBe(true);
      expect(wellFormed(masked)).toBe(true);
      const other = [...typed].map((c, i, all) => (i === all.length - 1 ? (c === '0' ? '1' : '0') : c)).join('');
      // The last character shows once there are more than four: another value there does not fit.
      if ([...typed].length > 4 && other !== typed) expect(fitsMask(other, masked)).toBe(false);
    }
    for (const typed of emails.filter(wellFormed)) expect(wellFormed(maskEmail(typed)), typed).toBe(true);
  });

  it('passwords: the checklist lets through exactly what the server accepts, strength and context words included', () => {
    const owner = { identification: '1712345675', given_names: 'María José', surnames: 'Pérez López', birth_day: 15, birth_month: 3 };
    // What the link check sends is what the server checks against.
    const words = ownerContextWords(owner);
    expect(words).toEqual(
      passwordContextWords({ identification: '1712345675', names: ['maria', 'jose', 'perez', 'lopez'], birthDay: 15, birthMonth: 3 }),
    );
    let accepted = 0;
    for (const [password, confirmation] of passwords) {
      const results = checkPassword(password, confirmation, policy, { words, estimateStrength: estimatePasswordStrength });
      const s = server(() => {
        const body = ActivationCompleteRequest.safeParse({
          token: 't'.repeat(43),
          declarationAccepted: true,
          declarationVersion: '1',
          password,
          passwordConfirmation: confirmation,
        });
        if (!body.success) throw new ProblemError('validation', { fieldErrors: { password: ['format'] } });
        const refused = refusePassword(policy, body.data.password, body.data.passwordConfirmation, words);
        if (refused) throw new ProblemError('password-rejected', { fieldErrors: refused });
        return 'ok';
      });
      expect({ password, confirmation, ok: s.ok }).toEqual({ password, confirmation, ok: passwordAcceptable(results) });
      if (!s.ok)
        expect(s.codes.sort()).toEqual(
          Object.values(passwordFieldErrors(results) ?? {})
            .flat()
            .sort(),
        );
      else accepted++;
    }
    expect(accepted).toBeGreaterThan(30);
  }, 180_000);

  it('security answers: the step refuses exactly what the server refuses (without the context only the server knows)', () => {
    const bank = DEFAULT_QUESTION_BANK;
    for (const answer of answers) {
      const typed = answer.trim();
      if (typed === '') continue; // an empty answer is an unanswered question: never sent
      const widget = answerProblem(typed);
      const { errors } = answerErrors([{ questionId: bank[0]!.id, answer: typed }], bank, 1, []);
      expect({ answer, codes: errors?.['answers.0.answer'] }).toEqual({ answer, codes: widget ? [widget] : undefined });
    }
  });
});

describe('inputs the two sides once judged differently, now one rule', () => {
  it('ana@ñandú.ec: accepted by both, stored and sent in its ASCII form', () => {
    expect(widgetEmail('ana@ñandú.ec')).toEqual({ ok: true, value: 'ana@xn--and-6ma2c.ec' });
    expect(serverEmail('ana@ñandú.ec')).toEqual({ ok: true, value: 'ana@xn--and-6ma2c.ec' });
  });

  it('ana%x@correo.ec: accepted by both (RFC 5322 atext)', () => {
    expect(widgetEmail('ana%x@correo.ec')).toEqual({ ok: true, value: 'ana%x@correo.ec' });
    expect(serverEmail('ana%x@correo.ec')).toEqual({ ok: true, value: 'ana%x@correo.ec' });
  });

  it.each(['a..b@correo.ec', '.a@correo.ec'])('%s: refused by both', (typed) => {
    expect(widgetEmail(typed)).toEqual({ ok: false, code: 'format' });
    expect(serverEmail(typed)).toEqual({ ok: false, codes: ['format'] });
  });

  it('maskEmail("😀x@gmail.com") keeps the emoji whole (no broken surrogate pair in JSON)', () => {
    expect(maskEmail('😀x@gmail.com')).toBe('😀***@g***.com');
    expect(JSON.stringify(maskEmail('😀x@gmail.com'))).toBe('"😀***@g***.com"');
  });

  it('maskIdentification("AB12") hides all of a short value (the server used to echo it whole)', () => {
    expect(maskIdentification('AB12')).toBe('****');
    expect(maskIdentification('E0012345')).toBe('****2345');
  });
});
