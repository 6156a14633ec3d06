/**
 * The activation link (SS-12, SS-14, SS-20, SS-25): 3 minutes, stored hashed, single use, a resend
 * kills earlier links, resend cooldown and cap, exactly one of 20 parallel completions succeeds,
 * and an SMTP outage only delays the mail (durable outbox).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { FakeClock } from '../../server/ports.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../../server/mail/smtp-catcher.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { NEW_PASSWORD, passVerification } from './helpers/flows.ts';

let t: TestServer;
const clock = new FakeClock();
beforeAll(async () => {
  t = await startTestServer({ overrides: { clock } });
});
afterAll(() => t?.close());

const complete = (s: TestServer, token: string, password = NEW_PASSWORD) =>
  s.call('POST', '/v1/activation/complete', {
    token,
    declarationAccepted: true,
    declarationVersion: s.config.declaration.version,
    password,
    passwordConfirmation: password,
  });

async function sendLink(s: TestServer, id = '1712345675') {
  const { flow } = await passVerification(s, id);
  const sent = await s.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
  expect(sent.status).toBe(202);
  return { flow, sent: sent.body };
}

const latestToken = async () => tokenFromMail((await t.mail()).find((m) => m.subject === 'ACTIVACIÓN CLAVE')!);

describe('activation link', () => {
  it('SS-12: valid at 2:59, link-expired at 3:01; the database holds only its hash', async () => {
    await sendLink(t);
    const token = await latestToken();
    const rows = await sql<{ token_hash: string }>`SELECT token_hash FROM activation_tokens`.execute(t.database.db);
    expect(rows.rows.some((r) => r.token_hash === token)).toBe(false);
    const dump = JSON.stringify((await sql`SELECT * FROM activation_tokens`.execute(t.database.db)).rows);
    expect(dump).not.toContain(token);

    clock.advance(179_000);
    expect((await t.call('POST', '/v1/activation/check', { token })).status).toBe(200);
    clock.advance(2_000);
    const expired = await t.call('POST', '/v1/activation/check', { token });
    expect(expired.status).toBe(410);
    expect(expired.body.type).toBe(C.problemType('link-expired'));
    expect(expired.body.expiresAt).toBeDefined();
    expect((await complete(t, token)).body.type).toBe(C.problemType('link-expired'));
  });

  it('SS-12: guessing at one link is throttled', async () => {
    const guess = 'A'.repeat(43);
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await t.call('POST', '/v1/activation/check', { token: guess })).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('a resend kills the earlier link; resends have a cooldown and a cap', async () => {
    const { flow, sent } = await sendLink(t);
    const first = await latestToken();
    const early = await t.call('POST', '/v1/flows/current/email/resend', undefined, bearer(flow.flowToken));
    expect(early.status).toBe(429);
    expect(early.body.retryAfter).toBe(t.config.limits.resendCooldownSeconds);
    expect(early.headers.get('retry-after')).toBe(String(t.config.limits.resendCooldownSeconds));

    const tokens = [first];
    for (let i = 0; i < t.config.limits.maxResends; i++) {
      clock.advance(t.config.limits.resendCooldownSeconds * 1000);
      const r = await t.call('POST', '/v1/flows/current/email/resend', undefined, bearer(flow.flowToken));
      expect(r.status).toBe(202);
      expect(r.body.activation.resendsLeft).toBe(sent.activation.resendsLeft - i - 1);
      tokens.push(await latestToken());
    }
    clock.advance(t.config.limits.resendCooldownSeconds * 1000);
    const capped = await t.call('POST', '/v1/flows/current/email/resend', undefined, bearer(flow.flowToken));
    expect(capped.body.type).toBe(C.problemType('rate-limited'));

    expect(new Set(tokens).size).toBe(tokens.length);
    for (const old of tokens.slice(0, -1))
      expect((await t.call('POST', '/v1/activation/check', { token: old })).body.type).toBe(C.problemType('link-invalid'));
    expect((await t.call('POST', '/v1/activation/check', { token: tokens.at(-1)! })).status).toBe(200);
  });

  it('password-rejected carries the reasons and does not use the link up', async () => {
    await sendLink(t);
    const token = await latestToken();
    const weak = await complete(t, token, 'Password123456789');
    expect(weak.status).toBe(422);
    expect(weak.body.type).toBe(C.problemType('password-rejected'));
    expect(weak.body.fieldErrors).toEqual({ password: ['weak'] });
    const mismatch = await t.call('POST', '/v1/activation/complete', {
      token,
      declarationAccepted: true,
      declarationVersion: t.config.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD + '!',
    });
    expect(mismatch.body.fieldErrors).toEqual({ passwordConfirmation: ['mismatch'] });
    const short = await complete(t, token, 'corta');
    expect(short.body.fieldErrors.password).toEqual(['too-short', 'weak']);
    expect((await t.call('POST', '/v1/activation/check', { token })).status).toBe(200);
    expect((await complete(t, token)).status).toBe(200);
  });

  it('SS-20: 20 parallel completions of one token give exactly one success and one notice', async () => {
    await sendLink(t, '1712345675');
    const token = await latestToken();
    t.server.catcher!.clear();
    const results = await Promise.all(Array.from({ length: 20 }, () => complete(t, token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const others = results.filter((r) => r.status !== 200);
    expect(others.every((r) => r.body.type === C.problemType('link-used'))).toBe(true);
    const notices = (await t.mail()).filter((m) => m.subject === 'CLAVE CAMBIADA');
    expect(notices).toHaveLength(1);
  });

  it("SS-21: completing one flow kills the links of the person's other flows (an older link in the mailbox cannot set the password again)", async () => {
    t.server.catcher!.clear();
    await sendLink(t, '1712345675'); // flow A
    const linkA = await latestToken();
    t.server.catcher!.clear();
    await sendLink(t, '1712345675'); // flow B, another tab or device
    const linkB = await latestToken();
    expect(linkB).not.toBe(linkA);
    expect((await complete(t, linkB)).status).toBe(200);
    const checkA = await t.call('POST', '/v1/activation/check', { token: linkA });
    expect(checkA.body.type).toBe(C.problemType('link-invalid'));
    const completeA = await complete(t, linkA, 'otra clave distinta para la prueba');
    expect(completeA.body.type).toBe(C.problemType('link-invalid'));
    const signIn = (password: string) => t.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password });
    expect((await signIn(NEW_PASSWORD)).status).toBe(201);
    expect((await signIn('otra clave distinta para la prueba')).status).toBe(401);
  });

  it('SS-08: flow operations out of order, without a token or with an unknown one are refused', async () => {
    const { flow } = await passVerification(t, '0920000015');
    const early = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
    expect(early.body.type).toBe(C.problemType('sequence'));
    const twice = await t.call(
      'POST',
      '/v1/flows/current/verification',
      { birthDay: 1, birthMonth: 1, answers: [] },
      bearer(flow.flowToken),
    );
    expect(twice.body.type).toBe(C.problemType('sequence'));
    expect((await t.call('GET', '/v1/flows/current')).body.type).toBe(C.problemType('flow-invalid'));
    expect((await t.call('GET', '/v1/flows/current', undefined, bearer('x'.repeat(43)))).body.type).toBe(C.problemType('flow-invalid'));
    clock.advance(t.config.limits.flowLifetimeSeconds * 1000);
    const late = await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken));
    expect(late.status).toBe(401);
    expect(late.body.type).toBe(C.problemType('flow-expired'));
  });

  it('an Idempotency-Key repeat of the e-mail step sends no second e-mail', async () => {
    const { flow } = await passVerification(t, '1712345675');
    t.server.catcher!.clear();
    const h = { ...bearer(flow.flowToken), 'idempotency-key': 'send-1' };
    const a = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, h);
    const b = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, h);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body).toEqual(a.body);
    expect(await t.mail()).toHaveLength(1);
  });
});

describe('SS-25 SMTP down and back', () => {
  let smtp: SmtpCatcher;
  let s: TestServer;
  const c2 = new FakeClock();
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    s = await startTestServer({ config: { smtpUrl: smtp.url }, overrides: { clock: c2 } });
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  it('the flow moves on while SMTP is down; the mail waits in the outbox and goes out when SMTP is back', async () => {
    const port = smtp.port;
    await smtp.close();
    const { flow } = await sendLink(s);
    expect(await s.server.outbox.drain()).toBe(0);
    const pending = await sql<{
      attempts: number;
      sent_at: Date | null;
    }>`SELECT attempts, sent_at FROM outbox WHERE kind = 'activation'`.execute(s.database.db);
    expect(pending.rows).toEqual([{ attempts: 1, sent_at: null }]);
    expect((await s.call('GET', '/ready')).body.checks.smtp).toBe('down');
    expect((await s.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken))).body.step).toBe('activation-sent');

    smtp = await startSmtpCatcher(port);
    expect(await s.server.outbox.drain()).toBe(0); // not due yet: back-off
    c2.advance(60_000);
    expect(await s.server.outbox.drain()).toBe(1);
    const [mail] = await smtp.messages();
    expect(mail!.subject).toBe('ACTIVACIÓN CLAVE');
    expect((await s.call('POST', '/v1/activation/check', { token: tokenFromMail(mail!) })).status).toBe(200);
  });
});
