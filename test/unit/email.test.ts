import { describe, expect, it } from 'vitest';
import { editDistance, isValidEmail, suggestEmailDomain, validateEmail } from '../../widget/domain/email.ts';

describe('validateEmail', () => {
  it.each([
    'juan@gmail.com',
    'maria.perez+iess@hotmail.es',
    'a@b.ec',
    'JUAN@GMAIL.COM',
    'jose@correo.iess.gob.ec',
    'user@xn--dominio-9za.ec',
    "o'brien+iess%x@correo.ec",
  ])('accepts %s', (e) => expect(isValidEmail(e)).toBe(true));

  it('accepts an internationalised domain and keeps its ASCII form (docs/protocol.md)', () => {
    expect(validateEmail('Ana@Ñandú.EC')).toEqual({ ok: true, value: 'Ana@xn--and-6ma2c.ec' });
    expect(validateEmail('ana@xn--and-6ma2c.ec')).toEqual({ ok: true, value: 'ana@xn--and-6ma2c.ec' });
    expect(validateEmail('ana@ｇｍａｉｌ.com')).toEqual({ ok: true, value: 'ana@gmail.com' });
  });

  it('refuses accented letters before the @ with their own reason', () => {
    expect(validateEmail('ñandú@dominio.ec')).toEqual({ ok: false, reason: 'local-part' });
    expect(validateEmail('😀x@gmail.com')).toEqual({ ok: false, reason: 'local-part' });
  });

  it('trims and lower-cases the domain only', () => {
    expect(validateEmail('  Juan.Perez@GMAIL.com ')).toEqual({ ok: true, value: 'Juan.Perez@gmail.com' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['juan@gmail.com\n', 'format'],
    ['\r\njuan@gmail.com', 'format'],
    ['juan', 'format'],
    ['juan@', 'format'],
    ['@gmail.com', 'format'],
    ['juan@gmail', 'format'],
    ['juan@@gmail.com', 'format'],
    ['ju@an@gmail.com', 'format'],
    ['juan perez@gmail.com', 'format'],
    ['juan@gmail.c', 'format'],
    ['juan@-gmail.com', 'format'],
    ['juan@gmail..com', 'format'],
    ['.juan@gmail.com', 'format'],
    ['juan.@gmail.com', 'format'],
    ['ju..an@gmail.com', 'format'],
    ['juan@gmail.com\r\nBcc: x@evil.test', 'format'],
    ['juan@gmail.com\nx', 'format'],
    ['juan\u2028@gmail.com', 'format'],
    ['juan@gmail.com\u2029', 'format'],
    ['juan\u0000@gmail.com', 'format'],
    ['juan@gmail.123', 'format'],
    ['juan@exa_mple.com', 'format'],
    [`${'a'.repeat(65)}@gmail.com`, 'too-long'],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`, 'too-long'],
    ['a'.repeat(100_000), 'too-long'],
  ] as const)('refuses %j (%s)', (e, reason) => {
    expect(validateEmail(e)).toEqual({ ok: false, reason });
  });
});

describe('editDistance (capped OSA)', () => {
  it.each([
    ['gmail.com', 'gmail.com', 0],
    ['gmial.com', 'gmail.com', 1],
    ['gmai.com', 'gmail.com', 1],
    ['gnail.com', 'gmail.com', 1],
    ['hotmial.con', 'hotmail.com', 2],
    ['abc', 'xyz', 3],
  ] as const)('%s vs %s = %i', (a, b, d) => expect(editDistance(a, b, 2)).toBe(d));

  it('stops early beyond the cap', () => {
    expect(editDistance('aaaaaaaaaaaa', 'bbbbbbbbbbbb', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});

describe('suggestEmailDomain', () => {
  it.each([
    ['juan@gmial.com', 'juan@gmail.com'],
    ['juan@gmail.con', 'juan@gmail.com'],
    ['juan@gmai.com', 'juan@gmail.com'],
    ['juan@hotmal.com', 'juan@hotmail.com'],
    ['juan@hotmail.co', 'juan@hotmail.com'],
    ['juan@hotmial.es', 'juan@hotmail.es'],
    ['juan@outlok.com', 'juan@outlook.com'],
    ['juan@yaho.es', 'juan@yahoo.es'],
    ['juan@yahooo.com', 'juan@yahoo.com'],
    ['juan@icloud.co', 'juan@icloud.com'],
    ['juan@iess.gob.ex', 'juan@iess.gob.ec'],
    ['Juan@GMIAL.COM', 'Juan@gmail.com'],
  ])('%s -> %s', (typed, suggestion) => expect(suggestEmailDomain(typed)).toBe(suggestion));

  it.each(['juan@gmail.com', 'juan@iess.gob.ec', 'juan@empresa.com.ec', 'juan@uio.satnet.net', 'juan', 'juan@', ''])(
    'no hint for %j',
    (typed) => expect(suggestEmailDomain(typed)).toBeUndefined(),
  );

  it('allows only one edit on short domains (live.co is not a typo of live.com…)', () => {
    expect(suggestEmailDomain('x@msn.co')).toBe('x@msn.com');
    expect(suggestEmailDomain('x@abc.ec')).toBeUndefined();
  });

  it('accepts a host-supplied domain list', () => {
    expect(suggestEmailDomain('x@ejemplo.og', ['ejemplo.org'])).toBe('x@ejemplo.org');
  });
});
