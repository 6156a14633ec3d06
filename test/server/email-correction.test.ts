/**
 * Issue 10: a mistyped NEW address corrected in the same flow ("Cambiar correo" on the waiting
 * step, before any link was used) is not a second address against the one-new-address-per-24-h
 * rule (SS-15): the flow's own registration is replaced. Another flow still meets the rule, the
 * correction counts as a resend (cap), earlier links die, and an address on record cannot be changed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { GOOD_ANSWERS, NEW_PASSWORD, passVerification } from './helpers/flows.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const LUCIA = '3000000012'; // generar, no address on record
const email = (token: string, address: string) => t.call('POST', '/v1/flows/current/email', { mode: 'new', email: address }, bearer(token));
const linkTo = async (address: string) =>
  tokenFromMail((await t.mail()).find((m) => m.subject === 'ACTIVACIÓN CLAVE' && String(m.to).includes(address))!);
const check = async (token: string) => {
  const r = await t.call('POST', '/v1/activation/check', { token });
  return r.status === 200 ? 'ok' : String(r.body.type).replace(C.PROBLEM_TYPE_PREFIX, '');
};

async function toEmailStep(id: string) {
  const { flow } = await passVerification(t, id);
  expect((await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken))).status).toBe(
    200,
  );
  return flow.flowToken as string;
}

describe('a typo corrected in the same flow', () => {
  it('is not a second address in 24 h; another flow still is; the first link dies; the corrected one completes', async () => {
    const token = await toEmailStep(LUCIA);
    const typo = await email(token, 'lucia.mendoza@gmial.com');
    expect(typo.status).toBe(202);
    expect(typo.body.activation.newAddress).toBe(true);
    const typoLink = await linkTo('lucia.mendoza@gmial.com');

    const fixed = await email(token, 'lucia.mendoza@gmail.com');
    expect(fixed.status).toBe(202);
    expect(fixed.body.activation.sentTo).toBe('l***@g***.com');
    expect(fixed.body.activation.resendsLeft).toBe(typo.body.activation.resendsLeft - 1);
    const fixedLink = await linkTo('lucia.mendoza@gmail.com');
    expect(await check(typoLink)).toBe('link-invalid');
    expect(await check(fixedLink)).toBe('ok');
    const rows = (
      await sql<{ email: string }>`SELECT email FROM email_registrations WHERE identification = ${LUCIA}`.execute(t.database.db)
    ).rows;
    expect(rows.map((r) => r.email)).toEqual(['lucia.mendoza@gmail.com']);

    // Another flow within 24 h: a third address is refused; the corrected one is the address.
    const other = await toEmailStep(LUCIA);
    const third = await email(other, 'otra@example.net');
    expect(third.body.type).toBe(C.problemType('email-limit'));
    expect((await email(other, 'lucia.mendoza@gmail.com')).status).toBe(202);

    // Completed with the corrected address's newest link: no change afterwards.
    const latest = await linkTo('lucia.mendoza@gmail.com');
    const done = await t.call('POST', '/v1/activation/complete', {
      token: latest,
      declarationAccepted: true,
      declarationVersion: t.config.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    const after = await email(other, 'tarde@example.net');
    expect(after.body.type).toBe(C.problemType('sequence'));
  });

  it('two corrections at once: one wins (compare-and-set), and the cap of resends holds', async () => {
    const token = await toEmailStep('0100000009'); // generar, no address on record
    expect((await email(token, 'rosa@hotmial.com')).status).toBe(202);
    const [a, b] = await Promise.all([email(token, 'rosa@hotmail.com'), email(token, 'rosa.q@hotmail.com')]);
    // Truly at once, the compare-and-set lets one through (409 sequence for the other); one after the other, both pass.
    expect([202, 409]).toContain(a.status);
    expect([202, 409]).toContain(b.status);
    const won = [a, b].filter((r) => r.status === 202);
    expect(won.length).toBeGreaterThan(0);
    let left = Math.min(...won.map((r) => r.body.activation.resendsLeft as number));
    expect(left).toBe(t.config.limits.maxResends - won.length);
    let n = 0;
    while (left > 0) {
      const r = await email(token, `rosa.${n++}@hotmail.com`);
      expect(r.status).toBe(202);
      left = r.body.activation.resendsLeft;
    }
    const capped = await email(token, 'rosa.final@hotmail.com');
    expect(capped.body.type).toBe(C.problemType('rate-limited'));
    const rows = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM email_registrations WHERE identification = '0100000009'`.execute(
        t.database.db,
      )
    ).rows;
    expect(rows[0]!.n).toBe(1);
  });

  it('an address on record cannot be changed this way', async () => {
    const { flow } = await passVerification(t, '1712345675');
    expect((await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken))).status).toBe(202);
    const change = await email(flow.flowToken, 'otra@example.net');
    expect(change.body.type).toBe(C.problemType('sequence'));
  });
});
