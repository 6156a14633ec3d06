/**
 * SS-05 layered rate limits (per client, per client and identification, per destination, global) in
 * memory and, when TEST_REDIS_URL is set, in Redis; SS-07 spoofed X-Forwarded-For is ignored.
 * limits-against-others.test.ts proves that none of them can be turned against someone else.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { bearer, type TestServer } from './helpers/harness.ts';
import { cedula } from './helpers/ids.ts';
import { passVerification } from './helpers/flows.ts';
import { limitedServer, LIMITER_KINDS } from './helpers/limited.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

async function serverWith(kind: string, limits: Partial<TestServer['config']['rateLimits']>, trustProxyHops = 0) {
  const s = await limitedServer(kind, limits, trustProxyHops);
  servers.push(s);
  return s;
}

const buscar = async (s: TestServer, id: string, ip?: string) =>
  s.call('POST', '/v1/flows', { idType: 'cedula', id, captcha: await s.captcha() }, ip ? { 'x-forwarded-for': ip } : {});

describe.each(LIMITER_KINDS)('SS-05 rate limits (%s)', (kind) => {
  it('one IP cycling identifications hits the IP limit; spoofed X-Forwarded-For does not help (SS-07)', async () => {
    const s = await serverWith(kind, { perIpPerMinute: 5 });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await buscar(s, cedula(10, i), `203.0.113.${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const limited = await buscar(s, cedula(10, 99));
    expect(limited.body.type).toBe(C.problemType('rate-limited'));
    expect(limited.body.retryAfter).toBeGreaterThan(0);
    expect(limited.headers.get('retry-after')).toBe(String(limited.body.retryAfter));
    s.clock.advance(60_000);
    expect((await buscar(s, cedula(10, 100))).status).toBe(201);
  });

  it('one IP on one identification hits its client-and-identification limit; other IPs keep BUSCAR (behind one trusted proxy)', async () => {
    const s = await serverWith(kind, { perIdentificationPerHour: 3 }, 1);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await buscar(s, '1712345675', '198.51.100.1')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    for (let i = 2; i < 7; i++) expect((await buscar(s, '1712345675', `198.51.100.${i}`)).status).toBe(201);
    expect((await buscar(s, '0920000015', '198.51.100.1')).status).toBe(201);
  });

  it('mail to one destination is capped per hour', async () => {
    const s = await serverWith(kind, { perDestinationPerHour: 1 });
    const first = await passVerification(s, '1712345675');
    expect((await s.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(first.flow.flowToken))).status).toBe(202);
    const second = await passVerification(s, '1712345675');
    const r = await s.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(second.flow.flowToken));
    expect(r.body.type).toBe(C.problemType('rate-limited'));
    // Refused before anything changed: the flow is still at the e-mail step.
    expect((await s.call('GET', '/v1/flows/current', undefined, bearer(second.flow.flowToken))).body.step).toBe('email');
  });

  it('a global limit caps everyone', async () => {
    const s = await serverWith(kind, { globalPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await buscar(s, cedula(11, i))).status);
    expect(statuses).toEqual([201, 201, 429]);
  });
});
