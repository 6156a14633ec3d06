import { describe, expect, it } from 'vitest';
import { isTrivialAnswer, normalizeAnswer } from '../../widget/domain/answers.ts';

describe('normalizeAnswer (shared by widget and server)', () => {
  it.each([
    ['  José   María ', 'jose maria'],
    ['JOSÉ MARÍA', 'jose maria'],
    ['Jose\u0301 Mari\u0301a', 'jose maria'], // decomposed accents
    ['Quito.', 'quito.'],
    ['San-Gabriel', 'san-gabriel'],
    ['Ñandú', 'nandu'],
    ['ﬁdel', 'fidel'], // NFKC ligature
    ['Ｑｕｉｔｏ', 'quito'], // full-width
    ['Straße', 'strasse'],
    ['\tlínea\nnueva\u2028', 'linea nueva'],
    ['İstanbul', 'istanbul'],
    ['O’Higgins', 'o’higgins'],
    ['Liga  de\u00a0Quito', 'liga de quito'],
  ])('%j -> %j', (input, output) => expect(normalizeAnswer(input)).toBe(output));

  it('is idempotent', () => {
    for (const s of ['  José   María ', 'Ñandú', 'Straße', 'ﬁdel']) {
      expect(normalizeAnswer(normalizeAnswer(s))).toBe(normalizeAnswer(s));
    }
  });

  it('keeps different answers different', () => {
    expect(normalizeAnswer('Quito')).not.toBe(normalizeAnswer('Quitó x'));
    expect(normalizeAnswer('Firulais')).not.toBe(normalizeAnswer('Firulai'));
  });
});

describe('isTrivialAnswer', () => {
  it.each(['', ' ', 'a', '.', '...', '¿?¿?', 'no', 'Sí', 'NINGUNO', 'no sé', 'No sé.', 'aaaa', 'a.a.a', 'x x x', '1234', '123456', '987', '0000', 'asdf'])(
    'refuses %j',
    (a) => expect(isTrivialAnswer(a)).toBe(true),
  );

  it.each(['Firulais', 'Quito', 'Escuela Fiscal Mixta 24', '1987', 'Liga', 'ab'])('accepts %j', (a) =>
    expect(isTrivialAnswer(a)).toBe(false),
  );
});
