/**
 * GET /metrics (issue 11): Prometheus text format, scraped after real traffic and read with a
 * strict parser of the exposition format. Only with METRICS_TOKEN, as a bearer token; labels carry
 * route patterns and bucket names, never personal data (SS-27).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCatcher, type SmtpCatcher } from '../../server/mail/smtp-catcher.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { passVerification, startFlow } from './helpers/flows.ts';
import { parsePrometheusText, type Exposition } from './helpers/prometheus-text.ts';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
let t: TestServer;
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestServer({ config: { metricsToken: TOKEN, smtpUrl: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function scrape(): Promise<{ text: string; metrics: Exposition; contentType: string | null }> {
  const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, metrics: parsePrometheusText(text), contentType: res.headers.get('content-type') };
}

describe('/metrics', () => {
  it('answers only the bearer of METRICS_TOKEN (401 otherwise), and is absent without it', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-the-same-length-000000000' } })).status,
    ).toBe(401);
    const none = await startTestServer({ seed: false });
    try {
      expect((await fetch(`${none.url}/metrics`)).status).toBe(404);
    } finally {
      await none.close();
    }
  });

  it('counts requests by route and status with latency histograms, argon2id, the outbox, locks, rate-limit refusals and dependencies', async () => {
    // Mail that goes out, then mail that waits (SMTP down) and is retried later.
    const a = await passVerification(t, '1712345675');
    expect((await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(a.flow.flowToken))).status).toBe(202);
    await t.server.outbox.drain(); // after the pass the request itself woke
    expect(await smtp.messages()).toHaveLength(1);
    const port = smtp.port;
    await smtp.close();
    const b = await passVerification(t, 'E0012345', 'extranjero');
    expect((await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(b.flow.flowToken))).status).toBe(202);
    expect(await t.server.outbox.drain()).toBe(0);
    smtp = await startSmtpCatcher(port);

    // A lock: wrong verifications until the recovery locks.
    const flow = await startFlow(t, '0920000015');
    let status = 0;
    for (let i = 0; i < 20 && status !== 423; i++) {
      status = (
        await t.call('POST', '/v1/flows/current/verification', { birthDay: 31, birthMonth: 12, answers: [] }, bearer(flow.flowToken))
      ).status;
    }
    expect(status).toBe(423);

    // Rate-limit refusals: one more captcha challenge than the per-IP limit allows.
    const statuses = [];
    for (let i = 0; i <= t.config.rateLimits.perIpPerMinute; i++) statuses.push((await t.call('GET', '/v1/captcha/challenge')).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await t.call('GET', '/no-existe')).status).toBe(404);

    const { text, metrics: m, contentType } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);

    expect(m.types.get('iess_http_requests_total')).toBe('counter');
    expect(m.value('iess_http_requests_total', { method: 'POST', route: '/v1/flows', status: '201' })).toBeGreaterThanOrEqual(3);
    expect(m.value('iess_http_requests_total', { method: 'POST', route: '/v1/flows/current/verification', status: '423' })).toBe(1);
    expect(m.value('iess_http_requests_total', { method: 'GET', route: '/v1/captcha/challenge', status: '429' })).toBe(1);
    expect(m.value('iess_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);

    expect(m.types.get('iess_http_request_duration_seconds')).toBe('histogram');
    const challenges = statuses.length;
    expect(m.value('iess_http_request_duration_seconds_count', { method: 'GET', route: '/v1/captcha/challenge' })).toBe(challenges);
    expect(m.value('iess_http_request_duration_seconds_bucket', { method: 'GET', route: '/v1/captcha/challenge', le: '+Inf' })).toBe(
      challenges,
    );

    expect(m.value('iess_rate_limit_refusals_total', { bucket: 'captcha-ip' })).toBeGreaterThanOrEqual(1);
    expect(m.value('iess_argon2_duration_seconds_count', { op: 'verify' })).toBeGreaterThanOrEqual(2);
    expect(m.value('iess_argon2_queue_length')).toBe(0);
    expect(m.value('iess_argon2_in_flight')).toBe(0);

    expect(m.value('iess_outbox_sent_total')).toBe(1);
    expect(m.value('iess_outbox_retries_total')).toBe(1);
    expect(m.value('iess_outbox_backlog')).toBe(1);
    expect(m.value('iess_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(0);
    expect(m.value('iess_recovery_locks_active')).toBe(1);
    expect(m.value('iess_metrics_database_read_ok')).toBe(1);

    expect(m.value('iess_dependency_up', { dependency: 'database' })).toBe(1);
    expect(m.value('iess_dependency_up', { dependency: 'smtp' })).toBe(0); // the failed send said so; the next check will tell otherwise
    expect(m.value('iess_process_resident_memory_bytes')).toBeGreaterThan(0);

    // SS-27: nothing personal in any label.
    for (const secret of ['1712345675', 'E0012345', '0920000015', 'maria.perez', 'jean.dupont', a.flow.flowToken])
      expect(text).not.toContain(secret);

    // The retried mail goes out once SMTP is back and its back-off has passed.
    t.clock.advance(60_000);
    expect(await t.server.outbox.drain()).toBe(1);
    const after = (await scrape()).metrics;
    expect(after.value('iess_outbox_sent_total')).toBe(2);
    expect(after.value('iess_outbox_backlog')).toBe(0);
    expect(after.value('iess_dependency_up', { dependency: 'smtp' })).toBe(1);
  });
});
