import { describe, expect, it } from 'vitest';
import { answerProblem, normalizeAnswer } from '../../widget/domain/answers.ts';

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

describe('answerProblem (shared by widget and server, SS-10)', () => {
  it.each(['', ' ', 'a', 'ab', '..', 'no', 'Sí'])('%j is too short', (a) => expect(answerProblem(a)).toBe('too-short'));

  it.each([
    '...',
    '¿?¿?',
    'NINGUNO',
    'no sé',
    'No sé.',
    'nose',
    'n/a',
    'aaaa',
    'a.a.a',
    'x x x',
    '1234',
    '1987',
    '123456',
    '987',
    '0000',
    'asdf',
    '123456789',
  ])('%j is trivial', (a) => expect(answerProblem(a)).toBe('trivial'));

  it.each(['Firulais', 'Quito', 'Escuela Fiscal Mixta 24', '19870', 'Liga', 'Bob'])('accepts %j', (a) =>
    expect(answerProblem(a)).toBeUndefined(),
  );

  it('refuses an answer built on a context word of 3 or more characters', () => {
    expect(answerProblem('Perez y Lopez', ['perez'])).toBe('context');
    expect(answerProblem('mi cedula 1712345675', ['1712345675'])).toBe('context');
    expect(answerProblem('Quito', ['ab'])).toBeUndefined();
  });
});
