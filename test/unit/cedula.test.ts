import { describe, expect, it } from 'vitest';
import { cedulaCheckDigit, isValidCedula, normalizeCedula, validateCedula } from '../../widget/domain/cedula.ts';
import { seededRandom } from '../../server/registry/synthetic.ts';

// Synthetic vectors (computed with the module-10 rule, not real people's data).
const VALID = ['1712345675', '0100000009', '0920000015', '3000000012', '2411111111', '1712345030', '1760000016'];

/** Reproducible inputs: the registry's own seeded generator (mulberry32). */
const prng = seededRandom;

function randomValidCedula(rand: () => number): string {
  const provinces = [...Array.from({ length: 24 }, (_, i) => i + 1), 30];
  const province = String(provinces[Math.floor(rand() * provinces.length)]).padStart(2, '0');
  const third = String(Math.floor(rand() * 7));
  let rest = '';
  for (let i = 0; i < 6; i++) rest += String(Math.floor(rand() * 10));
  const nine = province + third + rest;
  return nine + String(cedulaCheckDigit(nine));
}

describe('validateCedula (CS-01/SS-01)', () => {
  it.each(VALID)('accepts the valid vector %s', (c) => {
    expect(validateCedula(c)).toEqual({ ok: true, value: c });
    expect(isValidCedula(c)).toBe(true);
  });

  it.each([
    ['1712345676', 'checksum'],
    ['0099999997', 'province'],
    ['2512345675', 'province'],
    ['171234567', 'length'],
    ['17123456a5', 'format'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['17123456755', 'length'],
    ['1782345678', 'third-digit'],
    ['1792345678', 'third-digit'],
    ['１７１２３４５６７５', 'format'], // full-width digits are not ASCII digits
  ] as const)('refuses %s (%s)', (c, reason) => {
    expect(validateCedula(c)).toEqual({ ok: false, reason });
    expect(isValidCedula(c)).toBe(false);
  });

  it('accepts a third digit of 6 (real cédulas reportedly have it; the registry decides)', () => {
    expect(validateCedula('1760000016').ok).toBe(true);
  });

  it('tolerates spaces and hyphens and returns the bare digits', () => {
    expect(normalizeCedula(' 171234567-5 ')).toBe('1712345675');
    expect(validateCedula('17 1234 567-5')).toEqual({ ok: true, value: '1712345675' });
    expect(validateCedula('171234567\u20115')).toEqual({ ok: true, value: '1712345675' });
  });

  it('refuses absurdly long input without scanning it', () => {
    expect(validateCedula('1'.repeat(10_000))).toEqual({ ok: false, reason: 'format' });
  });

  it('computes check digit 0 when the sum is a multiple of 10', () => {
    expect(cedulaCheckDigit('171234503')).toBe(0);
  });

  it('property: every single-digit substitution of a random valid cédula is rejected (SS-01)', () => {
    const rand = prng(20261122);
    for (let n = 0; n < 300; n++) {
      const c = randomValidCedula(rand);
      expect(isValidCedula(c), c).toBe(true);
      for (let i = 0; i < 10; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === c[i]) continue;
          const changed = c.slice(0, i) + d + c.slice(i + 1);
          expect(isValidCedula(changed), `${c} -> ${changed}`).toBe(false);
        }
      }
    }
  });

  it('property: adjacent transpositions are rejected, except 0↔9 (SS-01)', () => {
    const rand = prng(7);
    for (let n = 0; n < 300; n++) {
      const c = randomValidCedula(rand);
      for (let i = 0; i < 9; i++) {
        const a = c[i]!;
        const b = c[i + 1]!;
        if (a === b) continue;
        const swapped = c.slice(0, i) + b + a + c.slice(i + 2);
        // A swap that moves the province or third digit out of range is refused anyway.
        const accepted = isValidCedula(swapped);
        const zeroNine = (a === '0' && b === '9') || (a === '9' && b === '0');
        if (!zeroNine) expect(accepted, `${c} -> ${swapped}`).toBe(false);
      }
    }
    // The known blind spot of módulo 10 is real (the test would notice a different algorithm).
    expect(cedulaCheckDigit('179000000')).toBe(cedulaCheckDigit('170900000'));
  });
});
