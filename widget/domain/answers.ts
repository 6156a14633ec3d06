/**
 * Security-answer normalisation, the same on the widget and on the server (which hashes the
 * result with argon2id, SS-10): NFKC, case-folded, accents and other combining marks removed, any
 * run of whitespace collapsed to one space, trimmed. So "  José   María" and "jose maria" are the
 * same answer. Punctuation is kept ("Quito." is not "Quito"): it is part of what the person chose.
 */

export const ANSWER_MIN_LENGTH = 2;
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

const TRIVIAL = new Set([
  'no',
  'si',
  'ninguno',
  'ninguna',
  'nada',
  'no se',
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

/**
 * An answer that anyone could guess: empty after normalisation, shorter than ANSWER_MIN_LENGTH,
 * nothing but punctuation, one character repeated ("aaaa"), a run of consecutive digits, or a
 * stock non-answer (punctuation ignored: "No sé." counts as "no se").
 * The server applies the same rule (and its own context checks) before storing answers.
 */
export function isTrivialAnswer(text: string): boolean {
  const value = normalizeAnswer(text);
  if ([...value].length < ANSWER_MIN_LENGTH) return true;
  if (TRIVIAL.has(value.replace(/[\p{P}\p{S}]+/gu, '').trim())) return true;
  if (TRIVIAL.has(value)) return true;
  const compact = value.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (compact === '' || /^(.)\1+$/u.test(compact)) return true;
  if (/^\d+$/.test(compact) && ('01234567890'.includes(compact) || '9876543210'.includes(compact))) return true;
  return false;
}
