import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  estimatorInput,
  ESTIMATOR_MAX_CODE_POINTS,
  passwordAcceptable,
  passwordCharacters,
  passwordContextWords,
  passwordFieldErrors,
  passwordLength,
} from '../../widget/domain/password.ts';
import { estimatePasswordStrength } from '../../widget/domain/password-strength.ts';
import { REFUSED_FOR_ANYONE } from '../fixtures/weak-passwords.ts';

const policy = { minLength: 12, maxLength: 128, contextWords: true, minScore: 3 };
const words = passwordContextWords({
  identification: '1712345675',
  names: ['maria', 'jose', 'perez', 'lopez'],
  birthDay: 15,
  birthMonth: 3,
});
const full = { words, estimateStrength: estimatePasswordStrength };
const byRule = (r: ReturnType<typeof checkPassword>) => Object.fromEntries(r.map((x) => [x.rule, x.ok]));

describe('passwordLength (code points after NFKC)', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(passwordLength('😀😀😀')).toBe(3);
    expect('😀😀😀'.length).toBe(6);
  });
  it('counts after NFKC (a composed and a decomposed é are one)', () => {
    expect(passwordLength('e\u0301')).toBe(1);
    expect(passwordLength('ﬁ')).toBe(2);
  });
});

describe('checkPassword (the live checklist)', () => {
  it('passes a long passphrase that matches', () => {
    const r = checkPassword('caballo correcto batería grapa', 'caballo correcto batería grapa', policy, full);
    expect(byRule(r)).toEqual({ characters: true, 'min-length': true, 'max-length': true, match: true, 'no-context': true, strong: true });
    expect(passwordAcceptable(r)).toBe(true);
  });

  it('reports the length against the minimum', () => {
    const min = checkPassword('corta', 'corta', policy).find((r) => r.rule === 'min-length');
    expect(min).toEqual({ rule: 'min-length', ok: false, length: 5, limit: 12 });
  });

  it('boundaries: exactly min and exactly max pass, one past fails', () => {
    expect(byRule(checkPassword('a'.repeat(12), '', policy))['min-length']).toBe(true);
    expect(byRule(checkPassword('a'.repeat(11), '', policy))['min-length']).toBe(false);
    expect(byRule(checkPassword('a'.repeat(128), '', policy))['max-length']).toBe(true);
    expect(byRule(checkPassword('a'.repeat(129), '', policy))['max-length']).toBe(false);
  });

  it('12 emoji are 12 characters (not 24)', () => {
    expect(byRule(checkPassword('😀'.repeat(12), '', policy))['min-length']).toBe(true);
    expect(byRule(checkPassword('😀'.repeat(11), '', policy))['min-length']).toBe(false);
  });

  it('match is false while the confirmation is empty or differs; nothing is trimmed', () => {
    expect(byRule(checkPassword('x'.repeat(12), '', policy)).match).toBe(false);
    expect(byRule(checkPassword('x'.repeat(12), 'x'.repeat(12) + ' ', policy)).match).toBe(false);
    expect(byRule(checkPassword(' ' + 'x'.repeat(12), ' ' + 'x'.repeat(12), policy)).match).toBe(true);
  });

  it('match compares after NFKC, as the server hashes (a composed and a decomposed é are one password)', () => {
    expect(byRule(checkPassword('canción-del-mar', 'canción-del-mar'.normalize('NFD'), policy)).match).toBe(true);
    expect(byRule(checkPassword('ﬁdel-es-fiel-1', 'fidel-es-fiel-1', policy)).match).toBe(true);
  });

  it("refuses the words no password may contain, with or without the person's words", () => {
    expect(byRule(checkPassword('nueva-CLAVE-segura', '', policy))['no-context']).toBe(false);
    expect(byRule(checkPassword('el iess es mio ok', '', policy))['no-context']).toBe(false);
  });

  it('refuses a password containing the identification or a name, with separators, accents or not', () => {
    for (const pw of ['mi1712345675tren', 'mi171234567-5tren', 'MI 17 1234 5675 TREN', 'el gato de Pérez']) {
      expect(byRule(checkPassword(pw, pw, policy, { words }))['no-context'], pw).toBe(false);
    }
    const foreigner = passwordContextWords({ identification: 'EXT-00012345' });
    expect(byRule(checkPassword('tren-ext-00012345', '', policy, { words: foreigner }))['no-context']).toBe(false);
    expect(byRule(checkPassword('tren-00012345-sur', '', policy, { words: foreigner }))['no-context']).toBe(false);
  });

  it('the birth day and month only lower the estimate: four digits are not refused outright', () => {
    expect(byRule(checkPassword('volcán lejano 1503 nublado', '', policy, { words }))['no-context']).toBe(true);
  });

  it('leaves the context rule out when the policy does not ask for it, the strength out with minScore 0, pending without an estimator', () => {
    expect(checkPassword('x', 'x', { ...policy, contextWords: false }, { words }).map((r) => r.rule)).not.toContain('no-context');
    expect(checkPassword('x', 'x', { ...policy, minScore: 0 }).map((r) => r.rule)).toEqual([
      'characters',
      'min-length',
      'max-length',
      'match',
      'no-context',
    ]);
    const pending = checkPassword('caballo correcto batería grapa', '', policy).find((r) => r.rule === 'strong');
    expect(pending).toEqual({ rule: 'strong', ok: false, limit: 3 });
    // A pending estimate is no field error: only a score below the minimum is.
    expect(passwordFieldErrors([pending!])).toBeUndefined();
  });
});

describe('passwordContextWords (what the server sends with the link check and feeds the estimator)', () => {
  it('the identification, its digits, each name, and the birth day and month as ddmm, dmm, mmdd, dm', () => {
    expect(passwordContextWords({ identification: '1712345675', names: ['María', 'de', 'Pérez'], birthDay: 5, birthMonth: 3 })).toEqual([
      '1712345675',
      'maria',
      'perez',
      '0503',
      '503',
      '0305',
    ]);
    expect(passwordContextWords({ identification: 'EXT-00012345' })).toEqual(['ext00012345', '00012345']);
  });
  it('leaves out a masked identification', () => {
    expect(passwordContextWords({ identification: '******5675' })).toEqual([]);
  });
});

/** Finding 7 of issue 9: each of these was accepted by the server; each is refused now, with its reason. */
describe('finding 7: weak passwords and unusable characters are refused', () => {
  const reasons = (pw: string) => passwordFieldErrors(checkPassword(pw, pw, policy, full))?.['password'];
  it.each<[string, string, readonly string[]]>([
    ...REFUSED_FOR_ANYONE,
    ['the birth date repeated (15 March)', '150315031503', ['weak']],
    ['the birth date with a year, repeated', '1503198015031980', ['weak']],
    ['20 zero-width spaces', '\u200B'.repeat(20), ['format-character']],
    ['a NUL inside', 'tren al sur\u0000 del volcán', ['control-character']],
    ['a right-to-left override', 'tren al sur\u202E del volcán', ['format-character']],
    ['a lone surrogate at the end', 'tren al sur del volcán\uD800', ['ill-formed']],
    ['a line separator', 'tren al sur\u2028del volcán', ['line-separator']],
    ['an unassigned code point', 'tren al sur del volcán\u{E0080}', ['unassigned-character']],
    ['a tab', 'tren\tal sur del volcán', ['control-character']],
  ])('%s', (_name, pw, expected) => {
    expect(reasons(pw)).toEqual(expected);
  });

  it('a lone surrogate never counts as U+FFFD or its other half: the password is refused, not stored', () => {
    for (const end of ['\uD800', '\uDFFF'])
      expect(passwordCharacters('tren al sur del volcán' + end)).toEqual({
        ok: false,
        problem: 'ill-formed',
        codePoint: end === '\uD800' ? 'U+D800' : 'U+DFFF',
      });
    expect(passwordCharacters('tren al sur del volcán\uFFFD').ok).toBe(true);
  });

  it('names the refused code point for the message', () => {
    expect(passwordCharacters('abc\u200Bdef')).toEqual({ ok: false, problem: 'format-character', codePoint: 'U+200B' });
    expect(passwordCharacters('abc\u0000def')).toEqual({ ok: false, problem: 'control-character', codePoint: 'U+0000' });
  });
});

describe('emoji are welcome: ZWJ sequences, skin tones, VS16 and keycaps', () => {
  it.each([
    ['family ZWJ sequence', '👨‍👩‍👧 en la playa de Montañita'],
    ['technologist with skin tone', '👩🏽‍💻 programa en Cuenca'],
    ['heart on fire (VS16 then ZWJ)', '❤️‍🔥 volcán Tungurahua 2'],
    ['rainbow flag', '🏳️‍🌈 desfile de Guayaquil'],
    ['keycap', '1️⃣ primera vuelta al Chimborazo'],
    ['text-style heart (VS15)', '❤︎ de los Andes siempre'],
  ])('%s', (_name, pw) => {
    expect(passwordCharacters(pw)).toEqual({ ok: true });
  });

  it.each([
    ['ZWJ between letters', 'ab\u200Dcd tren al sur'],
    ['ZWJ at the end of an emoji', 'tren al sur 👩\u200D'],
    ['VS16 after a letter', 'a\uFE0F tren al sur del'],
    ['two variation selectors', '❤\uFE0F\uFE0F tren al sur'],
    ['another variation selector', '❤\uFE01 tren al sur del'],
    ['soft hyphen', 'tren\u00ADal sur del volcán'],
    ['BOM', '\uFEFFtren al sur del volcán'],
    ['Hangul filler', 'tren\u3164al sur del volcán'],
  ])('refuses %s', (_name, pw) => {
    expect(passwordCharacters(pw).problem).toBe('format-character');
  });
});

describe('the estimator reads a bounded input', () => {
  it(`cuts at ${ESTIMATOR_MAX_CODE_POINTS} code points, after NFKC`, () => {
    expect([...estimatorInput('😀'.repeat(100))]).toHaveLength(ESTIMATOR_MAX_CODE_POINTS);
    expect(estimatorInput('ﬁ'.repeat(10))).toBe('fi'.repeat(10));
  });
  it('the same score for a long password as for its first 64 code points', () => {
    const long = 'volcán dormido sobre la niebla de la mañana con sus cóndores '.repeat(2);
    expect(byRule(checkPassword(long, long, policy, full)).strong).toBe(true);
    const weakStart = 'a'.repeat(ESTIMATOR_MAX_CODE_POINTS) + 'volcán dormido sobre la niebla';
    expect(byRule(checkPassword(weakStart, weakStart, policy, full)).strong).toBe(false);
  });
});
