/**
 * The password rule (SS-18, CS-06), the one the live checklist under "Nueva clave" shows and the
 * server enforces, from the same policy (PasswordPolicy in the contract) and the same context
 * words (ActivationCheckResponse.passwordContext, built by passwordContextWords on the server).
 * One normalisation for everything: NFKC (normalizePassword) — lengths are code points after it,
 * the confirmation is compared after it, the server hashes it. Nothing is trimmed or truncated, no
 * composition rules.
 *
 * The strength estimate (zxcvbn-ts with its common and Spanish dictionaries) is big, so it is not
 * imported here: ./password-strength.ts provides it, the server statically, the widget lazily,
 * and both pass it in the context. Everything else of the rule — which characters are refused,
 * which words feed the estimator, how much of the password it reads, the minimum score — is here.
 */
import type { FieldErrorCode, PasswordPolicy } from '../api/contract.ts';
import { normalizeAnswer } from './answers.ts';

export type PasswordRuleId = 'characters' | 'min-length' | 'max-length' | 'match' | 'no-context' | 'strong';

/** Why the characters of a password are refused, first problem found. */
export type PasswordCharacterProblem =
  'ill-formed' | 'blank' | 'control-character' | 'line-separator' | 'format-character' | 'unassigned-character';

export interface PasswordRuleResult {
  readonly rule: PasswordRuleId;
  readonly ok: boolean;
  /** Numbers the checklist shows ("al menos 12 caracteres (7/12)", "nivel 2 de 4"). */
  readonly length?: number;
  readonly limit?: number;
  /** `characters`: what is wrong, and the offending code point as "U+200B". */
  readonly problem?: PasswordCharacterProblem;
  readonly codePoint?: string;
  /** `strong`: the estimate (0–4) once known; absent while the estimator is still loading. */
  readonly score?: number;
}

/** The strength estimator: zxcvbn's score (0–4) of `text` with `userInputs` as known words. */
export type StrengthEstimator = (text: string, userInputs: readonly string[]) => number;

export interface PasswordContext {
  /** The person's words (passwordContextWords): identification, names, birth day and month. */
  words?: readonly string[];
  /** The estimator (./password-strength.ts); without it the `strong` rule is pending. */
  estimateStrength?: StrengthEstimator;
}

/** Words no password may contain, whoever the person is; the estimator knows them too. */
export const FIXED_CONTEXT_WORDS: readonly string[] = ['iess', 'clave', 'afiliado', 'afiliada', 'contrasena'];

/**
 * The estimator reads at most this many code points (the start of the password). Its cost grows
 * faster than linearly with the length (bench/password-estimator.mjs, on a busy 2-core machine:
 * at most about 50 ms of CPU at 64 adversarial code points, about 125 ms at 128), so a long
 * password cannot be used to burn the server's CPU; one whose first 64 code points are strong is strong.
 */
export const ESTIMATOR_MAX_CODE_POINTS = 64;

/** The one normalisation: what is measured, compared and hashed. */
export const normalizePassword = (password: string): string => password.normalize('NFKC');

/** Code points after NFKC: the length the policy speaks of. */
export function passwordLength(password: string): number {
  let n = 0;
  for (const _ of normalizePassword(password)) n++;
  return n;
}

/** Case-, accent- and separator-free form, for the context words. */
export const foldPassword = (password: string): string => normalizeAnswer(normalizePassword(password));
const squash = (text: string): string => foldPassword(text).replace(/[^\p{L}\p{N}]/gu, '');

const LONE_SURROGATE = /\p{Cs}/u;
const ZWJ = 0x200d;
const isVariationSelector = (c: string) => c === '\uFE0E' || c === '\uFE0F';
const isPictograph = (c: string | undefined) => c !== undefined && /\p{Extended_Pictographic}/u.test(c);
/** What may precede a ZWJ inside an emoji sequence: a pictograph, a skin tone, or VS16. */
const joinsFrom = (c: string | undefined) => c !== undefined && (isPictograph(c) || /\p{Emoji_Modifier}/u.test(c) || c === '\uFE0F');

function charProblem(c: string, prev: string | undefined, next: string | undefined): PasswordCharacterProblem | undefined {
  if (/\p{Cc}/u.test(c)) return 'control-character';
  if (/[\p{Zl}\p{Zp}]/u.test(c)) return 'line-separator';
  if (/\p{Cn}/u.test(c)) return 'unassigned-character';
  if (c.codePointAt(0) === ZWJ) return joinsFrom(prev) && isPictograph(next) ? undefined : 'format-character';
  // VS15/VS16 choose text or emoji look after an emoji (keycaps "1️⃣" included: digits are \p{Emoji}).
  if (isVariationSelector(c))
    return prev !== undefined && /\p{Emoji}/u.test(prev) && !isVariationSelector(prev) ? undefined : 'format-character';
  if (/[\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(c)) return 'format-character';
  return undefined;
}

const hex = (c: string) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/**
 * The characters rule, on the NFKC form: refuses ill-formed UTF-16 (a lone surrogate: encoders
 * turn it into U+FFFD, so "…\uD800", "…\uDFFF" and "…\uFFFD" would be one password), nothing
 * but spaces, control characters, line and paragraph separators, unassigned code points, and
 * invisible format characters — except a ZWJ inside an emoji sequence and VS15/VS16 after an emoji.
 */
export function passwordCharacters(password: string): Pick<PasswordRuleResult, 'ok' | 'problem' | 'codePoint'> {
  const text = normalizePassword(password);
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return { ok: false, problem: 'ill-formed', codePoint: hex(lone[0]) };
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const problem = charProblem(chars[i]!, chars[i - 1], chars[i + 1]);
    if (problem) return { ok: false, problem, codePoint: hex(chars[i]!) };
  }
  if (chars.length > 0 && chars.every((c) => /\p{White_Space}/u.test(c))) return { ok: false, problem: 'blank' };
  return { ok: true };
}

/** False for a string with a lone surrogate (what sign-in must not hash: it would read as U+FFFD). */
export const isWellFormedPassword = (password: string): boolean => !LONE_SURROGATE.test(password);

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The person's words, as the server sends them to the link's page and feeds them to the
 * estimator: the identification (and the digits of a foreigner code), each name, and the birth
 * day and month in the usual Spanish forms (ddmm, dmm, mmdd; the registry keeps no year, and
 * zxcvbn's own date matcher already treats dd/mm/yyyy with any year as a date). Folded, unique.
 */
export function passwordContextWords(person: {
  identification?: string;
  names?: readonly string[];
  birthDay?: number;
  birthMonth?: number;
}): string[] {
  const words: string[] = [];
  const id = person.identification?.includes('*') ? '' : squash(person.identification ?? '');
  words.push(id, id.replace(/\D/g, ''));
  for (const name of person.names ?? []) words.push(squash(name));
  const { birthDay: d, birthMonth: m } = person;
  if (d && m) words.push(`${pad2(d)}${pad2(m)}`, `${d}${pad2(m)}`, `${pad2(m)}${pad2(d)}`, `${d}${m}`);
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/**
 * Whether a context word is refused outright when the password contains it: the identification,
 * names and fixed words are; a short number (the birth day and month) only lowers the estimate —
 * four digits turn up in too many passwords by chance to refuse them all.
 */
const refusedWhenContained = (word: string) => word.length >= 4 && (!/^\d+$/.test(word) || word.length >= 6);

/** The estimator's input: the NFKC password, cut to ESTIMATOR_MAX_CODE_POINTS. */
export const estimatorInput = (password: string): string => [...normalizePassword(password)].slice(0, ESTIMATOR_MAX_CODE_POINTS).join('');

/**
 * The rule results, in the order the checklist shows them. `match` is false while the
 * confirmation is empty; `no-context` appears when the policy refuses context words; `strong`
 * when the policy has a minimum score (pending, `score` absent, until an estimator is given).
 * The estimator only runs on a password whose characters are acceptable.
 */
export function checkPassword(
  password: string,
  confirmation: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): PasswordRuleResult[] {
  const length = passwordLength(password);
  const characters = passwordCharacters(password);
  const words = [...(context.words ?? []), ...FIXED_CONTEXT_WORDS];
  const results: PasswordRuleResult[] = [
    { rule: 'characters', ...characters },
    { rule: 'min-length', ok: length >= policy.minLength, length, limit: policy.minLength },
    { rule: 'max-length', ok: length <= policy.maxLength, length, limit: policy.maxLength },
    { rule: 'match', ok: confirmation.length > 0 && normalizePassword(password) === normalizePassword(confirmation) },
  ];
  if (policy.contextWords) {
    const squashed = squash(password);
    results.push({ rule: 'no-context', ok: !words.filter(refusedWhenContained).some((w) => squashed.includes(w)) });
  }
  if (policy.minScore > 0) {
    const score =
      characters.ok && context.estimateStrength && password !== '' ? context.estimateStrength(estimatorInput(password), words) : undefined;
    results.push(
      score === undefined
        ? { rule: 'strong', ok: false, limit: policy.minScore }
        : { rule: 'strong', ok: score >= policy.minScore, score, limit: policy.minScore },
    );
  }
  return results;
}

/** True when every rule checked passes. */
export function passwordAcceptable(results: readonly PasswordRuleResult[]): boolean {
  return results.every((r) => r.ok);
}

/** The failed rules as the contract's field errors (`password-rejected`), or undefined when none failed. */
export function passwordFieldErrors(results: readonly PasswordRuleResult[]): Record<string, FieldErrorCode[]> | undefined {
  const errors: Record<string, FieldErrorCode[]> = {};
  const add = (code: FieldErrorCode) => (errors['password'] ??= []).push(code);
  for (const r of results) {
    if (r.ok) continue;
    if (r.rule === 'match') errors['passwordConfirmation'] = ['mismatch'];
    else if (r.rule === 'characters') add(r.problem!);
    else if (r.rule === 'min-length') add('too-short');
    else if (r.rule === 'max-length') add('too-long');
    else if (r.rule === 'no-context') add('context');
    else if (r.score !== undefined) add('weak');
  }
  return Object.keys(errors).length ? errors : undefined;
}
