/**
 * Security-answer normalisation, the same on the widget and on the server (which hashes the
 * result with argon2id, SS-10): NFKC, case-folded, accents and other combining marks removed, any
 * run of whitespace collapsed to one space, trimmed. So "  José   María" and "jose maria" are the
 * same answer. Punctuation is kept ("Quito." is not "Quito"): it is part of what the person chose.
 */

/** Shorter answers are too easy to guess (the server's rule since the first release). */
export const ANSWER_MIN_LENGTH = 3;
export const ANSWER_MAX_LENGTH = 200;

export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/\s+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/** Stock non-answers, compared without punctuation ("No sé." is "no se"). */
const TRIVIAL = new Set([
  'no',
  'si',
  'ninguno',
  'ninguna',
  'ninguno ninguna',
  'nada',
  'no se',
  'nose',
  'no lo se',
  'no tengo',
  'no recuerdo',
  'na',
  'n a',
  'ok',
  'xxx',
  'test',
  'prueba',
  'asdf',
  'qwerty',
  'abc',
  'abcd',
  '123',
  '1234',
  '12345',
  '123456',
]);

export type AnswerProblem = 'too-short' | 'trivial' | 'context';

/**
 * Why an answer cannot be a security answer, or undefined when it can. The widget and the server
 * (SS-10) both ask this; only the server knows the person's `context` words (identification,
 * names, the address on record), which an answer may not contain.
 *  - `too-short`: under ANSWER_MIN_LENGTH characters after normalisation;
 *  - `trivial`: a stock non-answer, nothing but punctuation, one character repeated ("aaaa"),
 *    up to four digits ("1987") or a run of consecutive digits ("123456789");
 *  - `context`: contains a context word of 3 or more characters.
 */
export function answerProblem(text: string, context: readonly string[] = []): AnswerProblem | undefined {
  const value = normalizeAnswer(text);
  if ([...value].length < ANSWER_MIN_LENGTH) return 'too-short';
  const compact = value.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (TRIVIAL.has(value) || TRIVIAL.has(value.replace(/[\p{P}\p{S}]+/gu, '').trim())) return 'trivial';
  if (compact === '' || /^(.)\1*$/u.test(compact)) return 'trivial';
  if (/^\d+$/.test(compact) && (compact.length <= 4 || '01234567890'.includes(compact) || '9876543210'.includes(compact))) return 'trivial';
  const squashed = value.replace(/[^\p{L}\p{N}]/gu, '');
  const words = value.split(' ');
  if (context.some((w) => w.length >= 3 && (squashed.includes(w) || words.includes(w)))) return 'context';
  return undefined;
}
