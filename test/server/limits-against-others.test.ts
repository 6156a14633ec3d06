/**
 * Issue 9: limits that cannot be turned against others. One client's flood is refused by its own
 * bucket and spends nobody else's allowance (finding 4); an IPv6 client counts by its /64 and an
 * IPv4-mapped address as its IPv4; the memory limiter never forgets a live window.
 * Memory limiter always, Redis too with TEST_REDIS_URL; PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { DEMO_PASSWORD } from '../../server/demo/identities.ts';
import { FakeClock } from '../../server/ports.ts';
import { createMemoryRateLimiter } from '../../server/ratelimit/rate-limiter.ts';
import type { TestServer } from './helpers/harness.ts';
import { from, limitedServer, LIMITER_KINDS } from './helpers/limited.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});
async function server(kind: string, limits: Partial<TestServer['config']['rateLimits']>) {
  const s = await limitedServer(kind, limits, 1);
  servers.push(s);
  return s;
}

const challenge = (s: TestServer, ip: string) => s.call('GET', '/v1/captcha/challenge', undefined, from(ip));
const buscar = async (s: TestServer, ip: string, id = '1712345675') => s.call('POST', '/v1/flows', { idType: 'cedula', id, captcha: await s.captcha() }, from(ip));
const signIn = (s: TestServer, ip: string, password = DEMO_PASSWORD) => s.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password }, from(ip));

/** Sends `n` requests, 16 at a time, and counts the answers by status. */
async function flood(n: number, send: () => Promise<{ status: number }>) {
  const counts: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        next++;
        const { status } = await send();
        counts[status] = (counts[status] ?? 0) + 1;
      }
    }),
  );
  return counts;
}

describe.each(LIMITER_KINDS)('issue 9 finding 4: one client cannot shut everyone out (%s)', (kind) => {
  it('SS-05: a flood of GET /v1/captcha/challenge from one IP is refused by its own bucket; other IPs keep captcha, BUSCAR and sign-in at 2xx', async () => {
    // The global allowance is a fraction of the flood: before the fix every refused request spent it.
    const s = await server(kind, { perIpPerMinute: 20, globalPerMinute: 100 });
    const counts = await flood(400, () => challenge(s, '203.0.113.66'));
    console.log(`captcha flood from one IP (${kind}): ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ 200: 20, 429: 380 });
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      expect((await challenge(s, ip)).status).toBe(200);
      expect((await buscar(s, ip)).status).toBe(201);
      expect((await signIn(s, ip)).status).toBe(201);
    }
    // The flooding client itself stays refused until its window ends.
    const refused = await challenge(s, '203.0.113.66');
    expect(refused.body.type).toBe(C.problemType('rate-limited'));
  });

  it('SS-07: an IPv6 client counts by its /64 (rotating addresses inside it does not help); an IPv4-mapped address is its IPv4', async () => {
    const s = await server(kind, { perIpPerMinute: 5 });
    const rotating = [];
    for (let i = 1; i <= 7; i++) rotating.push((await challenge(s, `2001:db8:7:1:${i.toString(16)}:${(i * 7919).toString(16)}::${i}`)).status);
    expect(rotating).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // The next /64 is another client.
    expect((await challenge(s, '2001:db8:7:2::1')).status).toBe(200);
    const mapped = [];
    for (let i = 0; i < 3; i++) mapped.push((await challenge(s, '198.51.100.77')).status);
    for (let i = 0; i < 3; i++) mapped.push((await challenge(s, '::ffff:198.51.100.77')).status);
    expect(mapped).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('the memory limiter', () => {
  it('SS-05: growing past its sweep size drops only ended windows, never a live one', async () => {
    const clock = new FakeClock('2026-01-15T15:30:00.000Z');
    const limiter = createMemoryRateLimiter(clock);
    // An hourly window (15:00–16:00) spent half an hour ago, and a minute window still running.
    for (let i = 0; i < 3; i++) await limiter.hit('hourly', 'person', 3, 3600);
    clock.advance(60_000);
    await limiter.hit('minute', 'client', 1, 60);
    // A minute-window flood, enough new windows to make the map sweep.
    for (let i = 0; i < 100_050; i++) await limiter.hit('flood', String(i), 1, 60);
    expect((await limiter.hit('hourly', 'person', 3, 3600)).ok).toBe(false);
    expect((await limiter.hit('minute', 'client', 1, 60)).ok).toBe(false);
    // Once their windows have ended, the same keys start afresh.
    clock.advance(3600_000);
    expect((await limiter.hit('hourly', 'person', 3, 3600)).ok).toBe(true);
  });
});
