/**
 * Captcha behind one interface, fail closed (SS-02, SS-03): ALTCHA proof of work with replay
 * protection, and reCAPTCHA v2 against a local fake of its siteverify endpoint.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { FakeClock } from '../../server/ports.ts';
import { solveAltcha, startTestServer, type TestServer } from './helpers/harness.ts';

const flows = (s: TestServer, captcha: string) => s.call('POST', '/v1/flows', { idType: 'cedula', id: '1712345675', captcha });
const decode = (p: string) => JSON.parse(Buffer.from(p, 'base64').toString());
const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');

describe('SS-03 ALTCHA', () => {
  let t: TestServer;
  const clock = new FakeClock();
  beforeAll(async () => {
    t = await startTestServer({ overrides: { clock }, seed: false });
  });
  afterAll(() => t?.close());

  it('the challenge is the v1 format: sha256(salt + number), HMAC signature, expiry in the salt', async () => {
    const { challenge } = (await t.call('GET', '/v1/captcha/challenge')).body;
    expect(challenge.algorithm).toBe('SHA-256');
    expect(challenge.salt).toMatch(/^[0-9a-f]{24}\?expires=\d+$/);
    expect(challenge.maxnumber).toBe(t.config.captcha.altchaMaxNumber);
    expect((await flows(t, solveAltcha(challenge))).status).toBe(201);
  });

  it('two replicas share the replay store: a proof used on A is refused on B', async () => {
    const b = await startTestServer({ database: t.database, overrides: { clock }, seed: false });
    try {
      const proof = solveAltcha((await t.call('GET', '/v1/captcha/challenge')).body.challenge);
      expect((await flows(t, proof)).status).toBe(201);
      expect((await flows(b, proof)).body.type).toBe(C.problemType('captcha-failed'));
    } finally {
      await b.close();
    }
  });

  it('refuses a reused, tampered, unsigned, expired or garbage proof', async () => {
    const good = solveAltcha((await t.call('GET', '/v1/captcha/challenge')).body.challenge);
    expect((await flows(t, good)).status).toBe(201);
    const replay = await flows(t, good);
    expect(replay.status).toBe(400);
    expect(replay.body.type).toBe(C.problemType('captcha-failed'));

    const fresh = decode(solveAltcha((await t.call('GET', '/v1/captcha/challenge')).body.challenge));
    expect((await flows(t, encode({ ...fresh, number: fresh.number + 1 }))).body.type).toBe(C.problemType('captcha-failed'));
    expect((await flows(t, encode({ ...fresh, signature: 'ab'.repeat(32) }))).body.type).toBe(C.problemType('captcha-failed'));
    expect((await flows(t, encode({ ...fresh, salt: fresh.salt.replace(/expires=\d+/, 'expires=99999999999') }))).body.type).toBe(
      C.problemType('captcha-failed'),
    );
    expect((await flows(t, 'no-es-base64-json')).body.type).toBe(C.problemType('captcha-failed'));

    clock.advance((t.config.captcha.altchaLifetimeSeconds + 1) * 1000);
    expect((await flows(t, encode(fresh))).body.type).toBe(C.problemType('captcha-failed'));
  });
});

describe('SS-02 reCAPTCHA v2 (local fake of siteverify)', () => {
  let fake: Server;
  let t: TestServer;
  let reply: (form: URLSearchParams) => { status: number; body: string };
  const clock = new FakeClock();
  const seen: URLSearchParams[] = [];
  beforeAll(async () => {
    fake = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const form = new URLSearchParams(data);
        seen.push(form);
        const r = reply(form);
        res.writeHead(r.status, { 'content-type': r.body.startsWith('{') ? 'application/json' : 'text/html' }).end(r.body);
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    t = await startTestServer({
      seed: false,
      overrides: { clock },
      config: {
        captcha: {
          ...(await import('../../server/config.ts')).testConfig().captcha,
          provider: 'recaptcha',
          recaptchaSiteKey: 'site-key-demo',
          recaptchaSecret: 'secret-demo',
          recaptchaHostnames: ['www.iess.gob.ec'],
          recaptchaVerifyUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/recaptcha/api/siteverify`,
        },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    fake?.close();
  });

  const ok = () => ({
    status: 200,
    body: JSON.stringify({ success: true, hostname: 'www.iess.gob.ec', challenge_ts: clock.now().toISOString() }),
  });

  it('config announces reCAPTCHA with its site key', async () => {
    expect((await t.call('GET', '/v1/config')).body.captcha).toEqual({ provider: 'recaptcha', siteKey: 'site-key-demo' });
  });

  it('accepts a verified token once, sending the secret and the response', async () => {
    reply = ok;
    expect((await flows(t, 'token-1')).status).toBe(201);
    expect(seen.at(-1)!.get('secret')).toBe('secret-demo');
    expect(seen.at(-1)!.get('response')).toBe('token-1');
    expect((await flows(t, 'token-1')).body.type).toBe(C.problemType('captcha-failed'));
  });

  it.each([
    ['success:false', () => ({ status: 200, body: JSON.stringify({ success: false, 'error-codes': ['invalid-input-response'] }) })],
    [
      'another hostname',
      () => ({ status: 200, body: JSON.stringify({ success: true, hostname: 'evil.example', challenge_ts: clock.now().toISOString() }) }),
    ],
    [
      'a stale challenge_ts',
      () => ({
        status: 200,
        body: JSON.stringify({
          success: true,
          hostname: 'www.iess.gob.ec',
          challenge_ts: new Date(clock.now().getTime() - 5 * 60_000).toISOString(),
        }),
      }),
    ],
    ['HTTP 500', () => ({ status: 500, body: '{}' })],
    ['an HTML error page', () => ({ status: 200, body: '<html>error</html>' })],
  ])('refuses (fails closed) on %s', async (_name, r) => {
    reply = r;
    expect((await flows(t, `tok-${Math.random()}`)).body.type).toBe(C.problemType('captcha-failed'));
  });
});
