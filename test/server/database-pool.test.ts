/**
 * DATABASE_POOL_SIZE reaches the PostgreSQL pool (issue 11): under 12 parallel requests a server
 * configured for 2 connections opens 2, as PostgreSQL itself reports (pg_stat_activity, by the
 * pool's application_name), and /metrics shows the pool. Needs TEST_DATABASE_URL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { systemClock } from '../../server/ports.ts';
import { createAltchaChallenge, solveAltcha } from './helpers/harness.ts';

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('DATABASE_POOL_SIZE (PostgreSQL)', () => {
  const schema = `pool_${process.pid}`;
  const app = `iess-pool-test-${process.pid}`;
  let server: RunningServer;
  const admin = async <T = unknown>(q: string, values: unknown[] = []) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(q, values)).rows as T[];
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    const u = new URL(url!);
    u.searchParams.set('options', `-c search_path=${schema}`);
    u.searchParams.set('application_name', app);
    server = await startServer(
      testConfig({ smtpUrl: undefined, databaseUrl: u.toString(), databasePoolSize: 2, metricsToken: 'x'.repeat(32) }),
      { outboxTimer: false },
    );
  });
  afterAll(async () => {
    await server?.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('12 requests at once use at most 2 connections', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const { secret, captcha: c } = server.deps.config;
        const proof = await solveAltcha(
          createAltchaChallenge({
            hmacKey: secret,
            maxNumber: c.altchaMaxNumber,
            lifetimeSeconds: c.altchaLifetimeSeconds,
            clock: systemClock,
          }),
        );
        const r = await fetch(`${server.url}/v1/flows`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ idType: 'cedula', id: '1712345675', captcha: proof }),
        });
        return r.status;
      }),
    );
    expect(answers.every((s) => s === 201)).toBe(true);
    const n = (await admin<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [app]))[0]!.n;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(2);
    expect(server.database.poolStats!().total).toBeLessThanOrEqual(2);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${'x'.repeat(32)}` } })).text();
    expect(metrics).toMatch(/^iess_db_pool_connections\{state="total"\} [12]$/m);
  });
});
