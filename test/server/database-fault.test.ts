/**
 * SS-25 fault injection on a real PostgreSQL: the database connection is cut mid-flow through a
 * TCP proxy the test controls. Requests fail with `unavailable` (503), nothing is half done, and
 * the flow carries on once the database is back. Needs TEST_DATABASE_URL (PGlite has no network
 * path to cut; its closed-database case is in http-surface.test.ts).
 */
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { openDatabase, type OpenedDatabase } from '../../server/db/database.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { passVerification } from './helpers/flows.ts';
import { startTcpProxy } from './helpers/tcp-proxy.ts';

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('database connection cut mid-flow (PostgreSQL through a TCP proxy)', () => {
  let t: TestServer;
  let db: OpenedDatabase;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  const schema = `fault_${process.pid}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.end();
    const target = new URL(url!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(url!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    db = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '' });
    t = await startTestServer({ database: db });
  });
  afterAll(async () => {
    await t?.close();
    proxy?.restore();
    await db?.close();
    await proxy?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('answers 503 unavailable while cut, advances nothing, and continues when the database is back', async () => {
    const { flow } = await passVerification(t, '1712345675');
    proxy.cut();
    const during = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
    expect(during.status).toBe(503);
    expect(during.body.type).toBe(C.problemType('unavailable'));
    expect((await t.call('GET', '/ready')).body.checks.database).toBe('down');

    proxy.restore();
    const status = await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken));
    expect(status.body.step).toBe('email');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox`.execute(db.db)).rows[0]!.n).toBe(0);
    const after = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
    expect(after.status).toBe(202);
  });
});
