import { describe, expect, it } from 'vitest';
import { checkPassword, passwordAcceptable, passwordLength } from '../../widget/domain/password.ts';

const policy = { minLength: 12, maxLength: 128, contextWords: true, blocklist: true };
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
    const r = checkPassword('caballo correcto batería grapa', 'caballo correcto batería grapa', policy, {
      identification: '1712345675',
    });
    expect(byRule(r)).toEqual({ 'min-length': true, 'max-length': true, match: true, 'no-context': true });
    expect(passwordAcceptable(r)).toBe(true);
  });

  it('reports the length against the minimum', () => {
    const [min] = checkPassword('corta', 'corta', policy);
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

  it('refuses the words no password may contain, with or without an identification', () => {
    expect(byRule(checkPassword('nueva-CLAVE-segura', '', policy))['no-context']).toBe(false);
    expect(byRule(checkPassword('el iess es mio ok', '', policy))['no-context']).toBe(false);
  });

  it('ignores a masked identification (the link opened elsewhere)', () => {
    expect(byRule(checkPassword('****5675-x-y-z', '', policy, { identification: '******5675' }))['no-context']).toBe(true);
  });

  it('refuses a password containing the identification, with separators or not', () => {
    for (const pw of ['mi1712345675clave', 'mi171234567-5clave', 'MI 17 1234 5675 CLAVE']) {
      expect(byRule(checkPassword(pw, pw, policy, { identification: '1712345675' }))['no-context'], pw).toBe(false);
    }
    expect(byRule(checkPassword('clave-ext-00012345', '', policy, { identification: 'EXT-00012345' }))['no-context']).toBe(
      false,
    );
  });

  it('leaves the context rule out when the policy does not ask for it, the blocklist out without a verdict', () => {
    expect(checkPassword('x', 'x', { ...policy, contextWords: false }, { identification: '1712345675' }).map((r) => r.rule)).not.toContain(
      'no-context',
    );
    expect(checkPassword('x', 'x', policy).map((r) => r.rule)).toEqual(['min-length', 'max-length', 'match', 'no-context']);
    expect(checkPassword('x', 'x', policy, { isCommon: () => true }).map((r) => r.rule)).toContain('not-common');
  });
});
