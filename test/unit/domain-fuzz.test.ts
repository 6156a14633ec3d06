// Random input never breaks the domain rules: no throw, bounded results, and the invariants the
// server relies on (SS-01 cédula shape, no line breaks in an accepted address, stable answers).
import { describe, expect, it } from 'vitest';
import { validateCedula } from '../../widget/domain/cedula.ts';
import { validateForeignerCode } from '../../widget/domain/foreigner-code.ts';
import { suggestEmailDomain, validateEmail } from '../../widget/domain/email.ts';
import { answerProblem, normalizeAnswer } from '../../widget/domain/answers.ts';
import { seededRandom } from '../../server/registry/synthetic.ts';

/** Reproducible inputs: the registry's own seeded generator (mulberry32). */
const prng = seededRandom;

// Characters people (and attackers) actually produce: ASCII, accents, separators, controls,
// line breaks, full-width digits, emoji halves and whole emoji.
const ALPHABET = [
  ...'abcxyzABCXYZ0123456789@.-_+ ',
  'ñ',
  'á',
  'É',
  'ü',
  'ß',
  '\u0301',
  '\t',
  '\r',
  '\n',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u00a0',
  '１',
  '＠',
  '😀',
  '\ud83d',
  '‐',
];

function randomText(rand: () => number, maxLength: number): string {
  const length = Math.floor(rand() * maxLength);
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

describe('domain rules under random input', () => {
  const rand = prng(1122);
  const inputs = Array.from({ length: 3000 }, () => randomText(rand, 40));
  // Emails that look close to valid, so the accepting branch is exercised too.
  const emails = Array.from(
    { length: 3000 },
    () => `${randomText(rand, 12)}@${randomText(rand, 8)}.${['com', 'ec', 'es', 'c'][Math.floor(rand() * 4)]}`,
  );

  it('validateCedula: an accepted value is exactly 10 ASCII digits', () => {
    for (const s of inputs) {
      const r = validateCedula(s);
      if (r.ok) expect(r.value).toMatch(/^\d{10}$/);
    }
  });

  it('validateForeignerCode: an accepted value is 5–20 upper-case ASCII letters/digits', () => {
    for (const s of inputs) {
      const r = validateForeignerCode(s);
      if (r.ok) expect(r.value).toMatch(/^[A-Z0-9]{5,20}$/);
    }
  });

  it('validateEmail: an accepted value has one @, no whitespace or line breaks, ≤ 254 characters', () => {
    let accepted = 0;
    for (const s of [...inputs, ...emails]) {
      const r = validateEmail(s);
      if (!r.ok) continue;
      accepted++;
      expect(r.value.split('@')).toHaveLength(2);
      expect(r.value).not.toMatch(/[\s\u0000-\u001f\u2028\u2029]/u);
      expect(r.value.length).toBeLessThanOrEqual(254);
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('suggestEmailDomain: a hint is always a valid address with the same local part', () => {
    for (const s of emails) {
      const hint = suggestEmailDomain(s);
      if (hint === undefined) continue;
      expect(hint.slice(0, hint.lastIndexOf('@'))).toBe(s.trim().slice(0, s.trim().lastIndexOf('@')));
    }
  });

  it('normalizeAnswer is idempotent, trimmed, single-spaced, mark-free; answerProblem never throws', () => {
    for (const s of inputs) {
      const n = normalizeAnswer(s);
      expect(normalizeAnswer(n)).toBe(n);
      expect(n).toBe(n.trim());
      expect(n).not.toMatch(/\s\s|[\t\r\n\u2028\u2029]/u);
      expect(n.normalize('NFD')).not.toMatch(/\p{M}/u);
      expect(['too-short', 'trivial', undefined]).toContain(answerProblem(s));
    }
  });
});
