/**
 * SS-25 with Redis (issue 11): the rate-limit store goes away behind a TCP proxy the test controls.
 * Every route that needs it answers 503 `unavailable` with Retry-After, never 500; the others keep
 * working; /ready says Redis is down; and everything recovers when Redis is back. Needs
 * TEST_REDIS_URL (.ci/run sets it when the machine's Redis answers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { passVerification, startFlow } from './helpers/flows.ts';
import { sweepOperations } from './helpers/sweep.ts';
import { startTcpProxy } from './helpers/tcp-proxy.ts';

const redisUrl = process.env.TEST_REDIS_URL;

/** The operations whose use case consults the rate limiter before anything else can fail. */
const NEEDS_REDIS = ['getCaptchaChallenge', 'startFlow', 'verify', 'sendActivation', 'checkActivation', 'completeActivation', 'signIn'];

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(redisUrl)('Redis down behind a TCP proxy (SS-25)', () => {
  let t: TestServer;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

  beforeAll(async () => {
    const target = new URL(redisUrl!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    const viaProxy = new URL(redisUrl!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    t = await startTestServer({
      config: { redisUrl: viaProxy.toString() },
      overrides: {
        redisKeyPrefix: `iess-clave-test:${process.pid}:${Math.random().toString(36).slice(2)}:`,
        checkMaxAgeMs: { redis: 200 },
      },
    });
  });
  afterAll(async () => {
    proxy?.restore();
    await t?.close();
    await proxy?.close();
  });

  it('every route that needs Redis answers 503 unavailable, never 500; /ready is 503; all recover when Redis is back', async () => {
    const { flow } = await passVerification(t, '1712345675');
    const fresh = await startFlow(t, '0920000015');
    expect((await t.call('GET', '/ready')).body.checks.redis).toBe('ok');

    proxy.cut();
    const answers = await sweepOperations(t, { freshFlowToken: fresh.flowToken, flowToken: flow.flowToken });
    for (const [id, r] of Object.entries(answers)) {
      expect(r.status, `${id} answered ${r.status} ${JSON.stringify(r.body)}`).not.toBe(500);
      if (NEEDS_REDIS.includes(id)) {
        expect(r.status, id).toBe(503);
        expect(r.body.type, id).toBe(C.problemType('unavailable'));
        expect(r.headers.get('retry-after'), id).toBe('5');
      }
    }
    expect(answers.getConfig!.status).toBe(200);
    const ready = await t.call('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ redis: 'down', database: 'ok' });

    proxy.restore();
    await until(
      'BUSCAR to work again',
      async () => t.call('POST', '/v1/flows', { idType: 'cedula', id: '0920000015', captcha: await t.captcha() }),
      (r) => r.status === 201,
    );
    await until(
      '/ready to say Redis is back',
      () => t.call('GET', '/ready'),
      (r) => r.status === 200 && r.body.checks.redis === 'ok',
    );
    expect((await t.call('GET', '/v1/captcha/challenge')).status).toBe(200);
  });
});
