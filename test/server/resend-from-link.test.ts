/**
 * Issue 10: "Enviar un nuevo correo" from an EXPIRED link's page, on any device, keyed by the link
 * token (POST /v1/activation/resend). Holding the expired link proves the mailbox; the flow's
 * resend rules (cooldown, cap, per-destination limit) still apply; someone without the link learns
 * nothing, and guessing is throttled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { FakeClock } from '../../server/ports.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { GOOD_ANSWERS, NEW_PASSWORD, passVerification } from './helpers/flows.ts';

let t: TestServer;
const clock = new FakeClock();
beforeAll(async () => {
  t = await startTestServer({ overrides: { clock } });
});
afterAll(() => t?.close());

/** Every activation token mailed so far. */
const tokens = async () => (await t.mail()).filter((m) => m.subject === 'ACTIVACIÓN CLAVE').map(tokenFromMail);
/** The one token mailed since `before`. */
async function newToken(before: string[]): Promise<string> {
  const fresh = (await tokens()).filter((x) => !before.includes(x));
  expect(fresh).toHaveLength(1);
  return fresh[0]!;
}

async function sendLink(id: string, idType = 'cedula') {
  const before = await tokens();
  const { flow, verified } = await passVerification(t, id, idType);
  let email = verified.email;
  if (verified.next === 'security-questions') {
    email = (await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken))).body.email;
  }
  const body = email.onRecord ? { mode: 'on-record' } : { mode: 'new', email: `nuevo.${id}@example.com` };
  const sent = await t.call('POST', '/v1/flows/current/email', body, bearer(flow.flowToken));
  expect(sent.status).toBe(202);
  return { flow, token: await newToken(before) };
}

const resend = (token: string, key?: string) => t.call('POST', '/v1/activation/resend', { token }, key ? { 'idempotency-key': key } : {});
const check = async (token: string) => {
  const r = await t.call('POST', '/v1/activation/check', { token });
  return r.status === 200 ? 'ok' : String(r.body.type).replace(C.PROBLEM_TYPE_PREFIX, '');
};
const kind = (r: { body: { type?: string } }) => String(r.body.type).replace(C.PROBLEM_TYPE_PREFIX, '');
const linkLife = () => t.config.limits.linkLifetimeSeconds * 1000;

describe('resend from an expired link', () => {
  it('an expired link asks for a new mail to the same address; the new link works, the resends are counted and capped', async () => {
    const { flow, token } = await sendLink('1712345675');
    // Still good: nothing to resend, use it.
    expect(kind(await resend(token))).toBe('sequence');
    clock.advance(linkLife() + 1000);
    expect(await check(token)).toBe('link-expired');

    const before = await tokens();
    const r = await resend(token);
    expect(r.status).toBe(202);
    expect(r.body.activation.sentTo).toBe('m***@e***.com');
    expect(r.body.activation.resendsLeft).toBe(t.config.limits.maxResends - 1);
    const second = await newToken(before);
    expect((await t.mail()).find((m) => tokenFromMail(m) === second)?.to).toContain('maria.perez@example.com');
    expect(await check(second)).toBe('ok');
    // The waiting tab sees the new link too (one flow).
    const status = await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken));
    expect(status.body.activation.expiresAt).toBe(r.body.activation.expiresAt);

    // The same page asks again at once: the cooldown holds; after it, the expired link may ask again.
    const early = await resend(token);
    expect(kind(early)).toBe('rate-limited');
    expect(early.body.retryAfter).toBeGreaterThan(0);
    clock.advance(linkLife() + 1000);
    for (let i = 1; i < t.config.limits.maxResends; i++) {
      expect((await resend(token)).status).toBe(202);
      clock.advance(Math.max(t.config.limits.resendCooldownSeconds * 1000, linkLife()) + 1000);
    }
    // The cap is the flow's: no more mail, whichever link asks.
    expect(kind(await resend(token))).toBe('rate-limited');
  });

  it('a link replaced while still good is link-invalid (use the latest mail); a used link is link-used; nothing after the flow ended', async () => {
    const { flow, token } = await sendLink('E0012345', 'extranjero');
    clock.advance(t.config.limits.resendCooldownSeconds * 1000);
    const before = await tokens();
    expect((await t.call('POST', '/v1/flows/current/email/resend', undefined, bearer(flow.flowToken))).status).toBe(202);
    const newer = await newToken(before);
    clock.advance(linkLife() + 1000);
    // Replaced before it expired: a newer mail exists, this one does not ask for more.
    expect(kind(await resend(token))).toBe('link-invalid');

    // The newer link expired too: it may ask (cooldown over), and then it is used.
    const again = await resend(newer);
    expect(again.status).toBe(202);
    const third = (await tokens()).find((x) => x !== token && x !== newer && !before.includes(x))!;
    const done = await t.call('POST', '/v1/activation/complete', {
      token: third,
      declarationAccepted: true,
      declarationVersion: t.config.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(kind(await resend(third))).toBe('link-used');
    // An expired link of that completed flow: the password is set, nothing to resend.
    expect(kind(await resend(newer))).toBe('link-used');
  });

  it("the flow's end ends it: flow-expired", async () => {
    const { token } = await sendLink('0920000015');
    clock.advance(t.config.limits.flowLifetimeSeconds * 1000 + 1000);
    expect(kind(await resend(token))).toBe('flow-expired');
  });

  it('without the link: nothing revealed (as the check), and guessing is throttled; a repeated key sends one mail', async () => {
    const guess = 'B'.repeat(43);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await resend(guess);
      statuses.push(r.status);
      if (i === 0) {
        expect(kind(r)).toBe('link-invalid');
        expect(Object.keys(r.body).sort()).toEqual(
          Object.keys((await t.call('POST', '/v1/activation/check', { token: 'C'.repeat(43) })).body).sort(),
        );
      }
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);

    const { token } = await sendLink('0100000009');
    clock.advance(linkLife() + 1000);
    const before = await tokens();
    const a = await resend(token, 'same-click');
    const b = await resend(token, 'same-click');
    expect(a.status).toBe(202);
    expect(b.body).toEqual(a.body);
    expect((await tokens()).filter((x) => !before.includes(x))).toHaveLength(1);
  });
});
