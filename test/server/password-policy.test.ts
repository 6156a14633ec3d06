/**
 * SS-18 and finding 7 of issue 9: the password policy from configuration, enforced by
 * /v1/activation/complete over real HTTP with the reasons, the strength estimate (zxcvbn-ts,
 * PASSWORD_MIN_SCORE) fed with the person's own words, and the characters no password may hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { testConfig } from '../../server/config.ts';
import { FakeClock } from '../../server/ports.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { NEW_PASSWORD, passVerification } from './helpers/flows.ts';
import { REFUSED_FOR_ANYONE } from '../fixtures/weak-passwords.ts';

describe('SS-18 policy from configuration', () => {
  it('defaults: 12 to 128 code points, minimum score 3, context words on', () => {
    expect(testConfig().policy).toEqual({ minLength: 12, maxLength: 128, minScore: 3, contextWords: true });
  });
});

const clock = new FakeClock();
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ overrides: { clock } });
});
afterAll(() => t?.close());

// MARÍA JOSÉ PÉREZ LÓPEZ, cédula 1712345675, born 14 March (docs/operations.md, demo identities).
const ID = '1712345675';

/** A fresh link for the demo affiliate (a new flow each time: each link lives 3 minutes). */
async function freshLink(): Promise<string> {
  clock.advance(60 * 60_000);
  const { flow } = await passVerification(t, ID);
  t.server.catcher!.clear();
  const sent = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
  expect(sent.status).toBe(202);
  const mails = (await t.mail()).filter((m) => m.subject === 'ACTIVACIÓN CLAVE');
  expect(mails).toHaveLength(1);
  return tokenFromMail(mails[0]!);
}

const complete = (token: string, password: string, confirmation = password) =>
  t.call('POST', '/v1/activation/complete', {
    token,
    declarationAccepted: true,
    declarationVersion: t.config.declaration.version,
    password,
    passwordConfirmation: confirmation,
  });

describe('finding 7: what the server used to accept is refused, with its reason, and the link stays usable', () => {
  let token = '';
  beforeAll(async () => {
    token = await freshLink();
  });

  it('the link check hands the page the words the server checks against (so it can show the same verdict)', async () => {
    const check = await t.call('POST', '/v1/activation/check', { token });
    expect(check.status).toBe(200);
    expect(check.body.policy.minScore).toBe(3);
    expect(check.body.passwordContext).toEqual([ID, 'maria', 'jose', 'perez', 'lopez', '1403', '0314', '143']);
  });

  it.each<[string, string, readonly string[]]>([
    ...REFUSED_FOR_ANYONE,
    ['the birth date repeated (14 March)', '140314031403', ['weak']],
    ['the birth date and the name', 'maria.1403.1403', ['context', 'weak']],
    ['20 zero-width spaces', '\u200B'.repeat(20), ['format-character']],
    ['a NUL', 'cielo azul sobre\u0000 el Cotopaxi', ['control-character']],
    ['a right-to-left override', 'cielo azul sobre\u202E el Cotopaxi', ['format-character']],
    ['a lone surrogate', 'cielo azul sobre el Cotopaxi\uD800', ['ill-formed']],
    ['a paragraph separator', 'cielo azul sobre\u2029el Cotopaxi', ['line-separator']],
    ["Password123456789 (the old blocklist's example)", 'Password123456789', ['weak']],
  ])('%s → 422 password-rejected', async (_name, password, reasons) => {
    const r = await complete(token, password);
    expect(r.status).toBe(422);
    expect(r.body.type).toBe(C.problemType('password-rejected'));
    expect(r.body.fieldErrors).toEqual({ password: reasons });
  });

  it('context words: the identification, the names, "iess", "clave" (accents and case do not matter)', async () => {
    for (const password of ['1712345675!tren-sur', 'mi perro se llama Pérez', 'nueva-CLAVE-segura', 'el iess es mio ok']) {
      expect((await complete(token, password)).body.fieldErrors?.password, password).toContain('context');
    }
  });

  it('lengths in code points after NFKC: 11 refused, 129 refused; the confirmation compared after NFKC', async () => {
    expect((await complete(token, 'Cotopaxi%&$')).body.fieldErrors).toEqual({ password: ['too-short'] });
    expect((await complete(token, 'ab-'.repeat(43))).body.fieldErrors.password).toContain('too-long');
    expect((await complete(token, NEW_PASSWORD, NEW_PASSWORD + '!')).body.fieldErrors).toEqual({ passwordConfirmation: ['mismatch'] });
  });

  it('none of the refusals used the link up: a strong passphrase (NFD confirmation) completes', async () => {
    expect((await t.call('POST', '/v1/activation/check', { token })).status).toBe(200);
    const r = await complete(token, 'canción del volcán dormido', 'canción del volcán dormido'.normalize('NFD'));
    expect(r.status).toBe(200);
  });
});

describe('a lone surrogate is never the same password as U+FFFD or its other half', () => {
  it('a password ending in U+FFFD is set; signing in with U+D800 or U+DFFF in its place fails, with U+FFFD succeeds', async () => {
    const base = 'cielo azul sobre el Cotopaxi ';
    expect((await complete(await freshLink(), base + '\uD800')).body.fieldErrors).toEqual({ password: ['ill-formed'] });
    expect((await complete(await freshLink(), base + '\uFFFD')).status).toBe(200);
    const signIn = (password: string) => t.call('POST', '/v1/sessions', { idType: 'cedula', id: ID, password });
    expect((await signIn(base + '\uD800')).body.type).toBe(C.problemType('invalid-credentials'));
    expect((await signIn(base + '\uDFFF')).body.type).toBe(C.problemType('invalid-credentials'));
    expect((await signIn(base + '\uFFFD')).status).toBe(201);
  });
});

describe('PASSWORD_MIN_SCORE from configuration', () => {
  it('0 turns the estimate off (test mode only): a weak but long password is accepted', async () => {
    const loose = await startTestServer({ config: { policy: { ...t.config.policy, minScore: 0 } } });
    try {
      const { flow } = await passVerification(loose, ID);
      expect((await loose.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken))).status).toBe(202);
      const link = tokenFromMail((await loose.mail()).find((m) => m.subject === 'ACTIVACIÓN CLAVE')!);
      expect((await loose.call('POST', '/v1/activation/check', { token: link })).body.policy.minScore).toBe(0);
      const r = await loose.call('POST', '/v1/activation/complete', {
        token: link,
        declarationAccepted: true,
        declarationVersion: loose.config.declaration.version,
        password: 'qwertyuiopas',
        passwordConfirmation: 'qwertyuiopas',
      });
      expect(r.status).toBe(200);
    } finally {
      await loose.close();
    }
  });
});
