/**
 * "Necesito más tiempo" (WCAG 2.2.1; docs/protocol.md): POST /v1/flows/current/extension gives the
 * flow its full lifetime again from now, at most FLOW_MAX_EXTENSIONS times, never past
 * FLOW_MAX_AGE_SECONDS after BUSCAR; concurrent presses cannot pass the bound; an expired flow
 * cannot be revived. Over real HTTP with the fake clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { startFlow } from './helpers/flows.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  // 900 s lifetime; 3 extensions for these tests; hard cap 40 minutes after BUSCAR.
  Object.assign(t.config.limits, { flowLifetimeSeconds: 900, maxFlowExtensions: 3, flowMaxAgeSeconds: 2400 });
});
afterAll(() => t?.close());

const extend = (token: string, key = crypto.randomUUID()) =>
  t.call('POST', '/v1/flows/current/extension', undefined, { ...bearer(token), 'idempotency-key': key });

describe('flow extension', () => {
  it('gives the full lifetime again from now, says how many are left, and the status agrees', async () => {
    const flow = await startFlow(t, '1712345675');
    const started = Date.parse(flow.now);
    t.clock.advance(780_000); // 2 minutes left
    const r = await extend(flow.flowToken);
    expect(r.status).toBe(200);
    expect(C.FlowExtensionResponse.safeParse(r.body).success).toBe(true);
    expect(Date.parse(r.body.flowExpiresAt)).toBe(started + 780_000 + 900_000);
    expect(r.body.extensionsLeft).toBe(2);
    const status = await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken));
    expect(status.body.flowExpiresAt).toBe(r.body.flowExpiresAt);
    // Past the old expiry the flow still works.
    t.clock.advance(300_000);
    expect((await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken))).status).toBe(200);
  });

  it('is bounded: at most maxFlowExtensions, and never past the hard cap after BUSCAR', async () => {
    const flow = await startFlow(t, '1712345675');
    const started = Date.parse(flow.now);
    const expiries: number[] = [];
    for (let i = 0; i < 2; i++) {
      t.clock.advance(780_000);
      const r = await extend(flow.flowToken);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expiries.push(Date.parse(r.body.flowExpiresAt));
    }
    // 780 + 900 = 1680 s; 1560 + 900 = 2460 s, capped at 2400 s (40 min after BUSCAR).
    expect(expiries).toEqual([started + 1_680_000, started + 2_400_000]);
    // At the cap, a third extension would gain nothing: refused although one is left.
    t.clock.advance(780_000);
    const third = await extend(flow.flowToken);
    expect(third.status).toBe(409);
    expect(third.body.type).toBe(C.problemType('extension-limit'));
  });

  it('refuses once the extensions are spent (409 extension-limit), also when pressed at once', async () => {
    const flow = await startFlow(t, '1712345675');
    const presses = await Promise.all([1, 2, 3, 4, 5].map(() => extend(flow.flowToken)));
    const ok = presses.filter((p) => p.status === 200);
    expect(ok.length).toBeLessThanOrEqual(3);
    for (const p of presses.filter((p) => p.status !== 200)) {
      expect(p.status).toBe(409);
      expect(p.body.type).toBe(C.problemType('extension-limit'));
    }
    while ((await extend(flow.flowToken)).status === 200);
    const last = await extend(flow.flowToken);
    expect(last.status).toBe(409);
  });

  it('cannot revive an expired flow', async () => {
    const flow = await startFlow(t, '1712345675');
    t.clock.advance(901_000);
    const r = await extend(flow.flowToken);
    expect(r.status).toBe(401);
    expect(r.body.type).toBe(C.problemType('flow-expired'));
  });

  it('the configuration tells the widget how many extensions a flow has', async () => {
    const config = await t.call('GET', '/v1/config');
    expect(config.body.limits.maxFlowExtensions).toBe(3);
    expect(config.body.limits).not.toHaveProperty('flowMaxAgeSeconds');
  });
});
