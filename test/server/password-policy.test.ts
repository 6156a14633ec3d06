/** SS-18: the password policy from configuration, enforced on the server with reasons. */
import { describe, expect, it } from 'vitest';
import { refusePassword } from '../../server/domain/password-policy.ts';
import { COMMON_PASSWORDS } from '../../server/domain/common-passwords.ts';
import { testConfig } from '../../server/config.ts';

const policy = testConfig().policy;
const ctx = { identification: '1712345675', names: ['maria', 'jose', 'perez', 'lopez'] };
const check = (p: string, confirmation = p) => refusePassword(policy, p, confirmation, ctx);

describe('SS-18 password policy', () => {
  it('defaults: 12 to 128 code points, blocklist and context words on', () => {
    expect(policy).toEqual({ minLength: 12, maxLength: 128, blocklist: true, contextWords: true });
  });

  it.each([
    ['11 characters', 'x'.repeat(5) + 'yz%&$-', ['too-short']],
    ['12 characters', 'tren-al-sur!', undefined],
    ['128 characters', 'ab-'.repeat(42) + 'xy', undefined],
    ['129 characters', 'ab-'.repeat(43), ['too-long']],
  ])('%s', (_name, password, reasons) => {
    expect(check(password)?.password).toEqual(reasons);
  });

  it('counts code points: 12 emoji are 12 characters', () => {
    expect(check('🌋🦙🌽🌶️🏔️🌊'.replace(/\uFE0F/g, '') + '🚌🚲🛶🪇🎺🥁')).toBeUndefined();
    expect(check('🌋🦙🌽🏔🌊🚌🚲🛶🪇🎺🥁')?.password).toEqual(['too-short']);
  });

  it('refuses common passwords, also with trailing symbols, and ships thousands of them', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(3000);
    expect(check('Password123456789')?.password).toEqual(['common']);
    expect(check('barcelona12345!')?.password).toContain('common');
  });

  it('refuses context words: the identification, names, "iess", "clave", "afiliado"', () => {
    expect(check('1712345675!abc')?.password).toEqual(['context']);
    expect(check('mi perro se llama Pérez')?.password).toEqual(['context']);
    expect(check('nueva-CLAVE-segura')?.password).toEqual(['context']);
    expect(check('soy Afiliado feliz')?.password).toEqual(['context']);
    expect(check('el iess es mio ok')?.password).toEqual(['context']);
  });

  it('both entries must match; NFC and NFD forms are the same password', () => {
    expect(check('tren-al-sur!', 'tren-al-sur?')).toEqual({ passwordConfirmation: ['mismatch'] });
    expect(check('canción-del-mar', 'canción-del-mar'.normalize('NFD'))).toBeUndefined();
  });

  it('policy switches come from configuration', () => {
    const loose = { ...policy, blocklist: false, contextWords: false, minLength: 15 };
    expect(refusePassword(loose, 'Password123456789', 'Password123456789', ctx)).toBeUndefined();
    expect(refusePassword(loose, 'tren-al-sur!', 'tren-al-sur!', ctx)?.password).toEqual(['too-short']);
  });
});
