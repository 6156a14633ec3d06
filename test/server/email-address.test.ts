/**
 * The e-mail address rule over real HTTP and real SMTP (docs/protocol.md "Direcciones de correo"):
 * the server applies the widget's rule. An internationalised domain is accepted and the mail goes
 * out to its ASCII form; accented local parts, doubled or leading dots are refused with the
 * contract's field code, and the flow stays at the e-mail step (nothing is lost).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { GOOD_ANSWERS, passVerification } from './helpers/flows.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** A generar flow of a demo person without an address on record, at the e-mail step. */
async function atEmailStep(id: string): Promise<string> {
  const { flow } = await passVerification(t, id);
  const saved = await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken));
  expect(saved.status).toBe(200);
  return flow.flowToken;
}

const sendTo = (token: string, email: string) => t.call('POST', '/v1/flows/current/email', { mode: 'new', email }, bearer(token));

describe('the e-mail address rule on the server (SS-15, SS-16)', () => {
  it('refuses a..b@, .a@ and an accented local part with `format`; the flow stays at the e-mail step', async () => {
    const token = await atEmailStep('0100000009');
    for (const email of ['a..b@correo.ec', '.a@correo.ec', 'ñandú@correo.ec']) {
      const refused = await sendTo(token, email);
      expect(refused.status, email).toBe(400);
      expect(refused.body.fieldErrors, email).toEqual({ email: ['format'] });
    }
    expect((await t.call('GET', '/v1/flows/current', undefined, bearer(token))).body.step).toBe('email');
  });

  it('accepts ana@ñandú.ec, keeps its ASCII form and the link reaches that mailbox over SMTP', async () => {
    const token = await atEmailStep('0100000009');
    const sent = await sendTo(token, 'ana@ñandú.ec');
    expect(sent.status).toBe(202);
    expect(sent.body.activation.sentTo).toBe('a***@x***.ec');
    // The mailer writes the domain as the receiving server accepts it (the catcher offers SMTPUTF8,
    // so the Unicode form); either way it is the same domain as the ASCII form the server keeps.
    const mail = (await t.mail()).find((m) => m.subject === 'ACTIVACIÓN CLAVE' && m.to.startsWith('ana@'));
    const [local, domain] = (mail?.to ?? '@').split('@');
    expect(local).toBe('ana');
    expect(new URL(`http://${domain}/`).hostname).toBe('xn--and-6ma2c.ec');
  });

  it('accepts ana%x@correo.ec (RFC 5322 atext) and sends to it as typed', async () => {
    const token = await atEmailStep('3000000012');
    expect((await sendTo(token, 'ana%x@correo.ec')).status).toBe(202);
    const mail = (await t.mail()).find((m) => m.to === 'ana%x@correo.ec');
    expect(mail?.subject).toBe('ACTIVACIÓN CLAVE');
  });
});
