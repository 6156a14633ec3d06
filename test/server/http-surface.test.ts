/**
 * The HTTP surface: security headers (SS-24), CORS allow-list (SS-22), body limit, JSON only and
 * strict input (SS-26), trusted client IP (SS-07), problems for every failure (SS-25), strict-CSP
 * pages with a nonce.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { createArgon2Hasher, type Hasher } from '../../server/crypto/hasher.ts';
import { Hono } from 'hono';
import { PERMISSIONS_POLICY, securityHeaders, type Env } from '../../server/http/middleware.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { passVerification } from './helpers/flows.ts';

let t: TestServer;
let failing = false;
const real = createArgon2Hasher(2);
// A hasher that can be made to throw: an unexpected internal error must become a generic `server` problem.
const hasher: Hasher = {
  hash: (p) => real.hash(p),
  verify: (h, p) => (failing ? Promise.reject(new Error('boom at 0x1234')) : real.verify(h, p)),
  stats: () => real.stats(),
};

beforeAll(async () => {
  t = await startTestServer({ config: { corsOrigins: ['https://www.iess.gob.ec'] }, overrides: { hasher } });
});
afterAll(() => t?.close());

describe('HTTP surface', () => {
  it('SS-24: security headers on API answers, problems and pages', async () => {
    for (const r of [await t.call('GET', '/v1/config'), await t.call('GET', '/nada'), await t.call('POST', '/v1/flows', {})]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers.get('content-type')).toMatch(/charset=utf-8/i);
    }
  });

  it('SS-24: a route that returns a Response it built itself still gets the security headers', async () => {
    const app = new Hono<Env>();
    app.use('*', securityHeaders());
    app.get('/raw', () => new Response('x', { headers: { 'cache-control': 'max-age=60' } }));
    app.get('/built', (c) => c.text('x'));
    for (const path of ['/raw', '/built']) {
      const r = await app.request(path);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(r.headers.get('permissions-policy'), path).toBe(PERMISSIONS_POLICY);
    }
    // The route's own value is kept.
    expect((await app.request('/raw')).headers.get('cache-control')).toBe('max-age=60');
    expect((await app.request('/built')).headers.get('cache-control')).toBe('no-store');
  });

  it("issue 9 §8: Permissions-Policy on every answer; Cross-Origin-Resource-Policy same-origin, cross-origin only for the widget's files", async () => {
    for (const path of ['/v1/config', '/nada', '/', '/activar', '/health']) {
      const r = await t.call('GET', path);
      expect(r.headers.get('permissions-policy'), path).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
      expect(r.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
    }
    expect((await t.call('GET', '/widget/iess-recuperar-clave.js')).headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('issue 9 §8: unknown fields are refused at any depth, named by their path', async () => {
    const flow = await t.call('POST', '/v1/flows', { idType: 'cedula', id: '1712345675', captcha: 'x', nested: { a: 1 } });
    expect(flow.body.fieldErrors).toEqual({ nested: ['format'] });
    const { flowToken } = (await t.call('POST', '/v1/flows', { idType: 'cedula', id: '1712345675', captcha: await t.captcha() })).body;
    const deep = await t.call(
      'POST',
      '/v1/flows/current/verification',
      { birthDay: 1, birthMonth: 1, answers: [{ questionId: 'x', answer: 'y', correct: true }] },
      { authorization: `Bearer ${flowToken}` },
    );
    expect(deep.status).toBe(400);
    expect(deep.body.fieldErrors).toEqual({ 'answers.0.correct': ['format'] });
    const mail = await t.call(
      'POST',
      '/v1/flows/current/email',
      { mode: 'new', email: 'a@b.ec', bcc: 'x@y.ec' },
      { authorization: `Bearer ${flowToken}` },
    );
    expect(mail.status).toBe(400);
  });

  it('pages carry a strict CSP with a fresh nonce, and the widget tag or a Spanish notice', async () => {
    const a = await t.call('GET', '/');
    const b = await t.call('GET', '/activar');
    const nonce = (r: typeof a) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce(a)).toBeDefined();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(a.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    expect(b.headers.get('referrer-policy')).toBe('no-referrer');
    const html = String(a.body);
    expect(html.includes('<iess-recuperar-clave') || html.includes('npm run build:widget')).toBe(true);
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce(a)}"`);
  });

  it('SS-22: CORS answers only allow-listed origins, never * or null', async () => {
    const pre = (origin: string) =>
      fetch(`${t.url}/v1/flows`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
      });
    const ok = await pre('https://www.iess.gob.ec');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.iess.gob.ec');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    // The preflight's answer is built like every other (SS-24), its request id included.
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('vary')).toBe('Origin');
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const origin of ['https://evil.example', 'null']) {
      expect((await pre(origin)).headers.get('access-control-allow-origin')).toBeNull();
      expect((await t.call('GET', '/v1/config', undefined, { origin })).headers.get('access-control-allow-origin')).toBeNull();
    }
    const simple = await t.call('GET', '/v1/config', undefined, { origin: 'https://www.iess.gob.ec' });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://www.iess.gob.ec');
    expect(simple.headers.get('vary')).toMatch(/Origin/);
  });

  it('SS-26: body limit, JSON only, unknown fields, prototype keys and bad JSON are refused', async () => {
    const big = await t.call('POST', '/v1/sessions', JSON.stringify({ idType: 'cedula', id: '1712345675', password: 'x'.repeat(17_000) }));
    expect(big.status).toBe(413);
    expect(big.body.type).toBe(C.problemType('payload-too-large'));
    const text = await fetch(`${t.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect((await text.json()).type).toBe(C.problemType('unsupported-media-type'));
    const extra = await t.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password: 'abc', verified: true });
    expect(extra.body.fieldErrors).toEqual({ verified: ['format'] });
    const proto = await t.call('POST', '/v1/sessions', '{"idType":"cedula","id":"1712345675","password":"abc","__proto__":{"admin":true}}');
    expect(proto.status).toBe(400);
    const broken = await t.call('POST', '/v1/sessions', '{"idType":');
    expect(broken.body.type).toBe(C.problemType('validation'));
    const badId = await t.call('POST', '/v1/flows', { idType: 'cedula', id: '1712345676', captcha: 'x' });
    expect(badId.body.fieldErrors).toEqual({ id: ['checksum'] });
    const missing = await t.call('GET', '/v2/nada');
    expect(missing.status).toBe(404);
    expect(C.Problem.safeParse(missing.body).success).toBe(true);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it("issue 9 §8: a 413 closes its connection (Connection: close), so a keep-alive client's next request goes on a new one", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = http.request(
          `${t.url}/v1/sessions`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await send(JSON.stringify({ idType: 'cedula', id: '1712345675', password: 'x'.repeat(17_000) }));
      expect(big).toEqual({ status: 413, connection: 'close' });
      expect((await send(JSON.stringify({ idType: 'cedula', id: '1712345675', password: 'una clave cualquiera' }))).status).toBe(401);
    } finally {
      agent.destroy();
    }
  });

  it('SS-25: an internal error is a generic `server` problem with no detail leaked', async () => {
    failing = true;
    try {
      const r = await t.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password: 'una clave cualquiera' });
      expect(r.status).toBe(500);
      expect(r.body.type).toBe(C.problemType('server'));
      expect(JSON.stringify(r.body)).not.toMatch(/boom|0x1234|stack/);
    } finally {
      failing = false;
    }
  });

  it('BUSCAR with a repeated Idempotency-Key returns the first answer and opens one flow', async () => {
    const body = { idType: 'cedula', id: '0920000015', captcha: await t.captcha() };
    const a = await t.call('POST', '/v1/flows', body, { 'idempotency-key': 'buscar-1' });
    const b = await t.call('POST', '/v1/flows', body, { 'idempotency-key': 'buscar-1' });
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const other = await t.call('POST', '/v1/flows', { ...body, id: '1712345675' }, { 'idempotency-key': 'buscar-1' });
    expect(other.body.type).toBe(C.problemType('idempotency-conflict'));
    const badKey = await t.call('POST', '/v1/flows', body, { 'idempotency-key': 'con espacio' });
    expect(badKey.status).toBe(400);
  });

  it('/health, /ready and /openapi.json', async () => {
    expect(C.HealthResponse.safeParse((await t.call('GET', '/health')).body).success).toBe(true);
    const ready = await t.call('GET', '/ready');
    expect(ready.body).toMatchObject({ status: 'ok', checks: { database: 'ok', smtp: 'ok', redis: 'skipped' } });
    const api = await t.call('GET', '/openapi.json');
    expect([200, 404]).toContain(api.status);
  });

  it('/dev/inbox/api lists caught mail newest first with links, optionally for one recipient', async () => {
    await passVerification(t, '1712345675').then(({ flow }) =>
      t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken)),
    );
    await t.mail();
    const r = await t.call('GET', '/dev/inbox/api');
    expect(r.body.length).toBeGreaterThan(0);
    expect(Object.keys(r.body[0]).sort()).toEqual(['date', 'html', 'links', 'subject', 'text', 'to']);
    expect((await t.call('GET', '/dev/inbox/api?to=maria.perez@example.com')).body.length).toBe(
      r.body.filter((m: { to: string }) => m.to === 'maria.perez@example.com').length,
    );
    expect((await t.call('GET', '/dev/inbox/api?to=nadie@example.com')).body).toEqual([]);
    expect((await t.call('GET', '/dev/inbox')).headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('database down', () => {
  it('SS-25: requests answer `unavailable` (503) when the database is gone', async () => {
    const s = await startTestServer({ seed: false });
    await s.database.close();
    const r = await s.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password: 'una clave cualquiera' });
    expect(r.status).toBe(503);
    expect(r.body.type).toBe(C.problemType('unavailable'));
    expect((await s.call('GET', '/ready')).status).toBe(503);
    await s.server.close();
  });
});
