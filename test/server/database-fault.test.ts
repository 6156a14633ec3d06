/**
 * SS-25 fault injection: the database connection is cut mid-flow. Requests fail with `unavailable`
 * (503), nothing is half done, and the flow carries on once the database is back.
 * With TEST_DATABASE_URL the cut is real: a TCP proxy the test controls between the server and
 * PostgreSQL. Without it (PGlite has no network path) the same test runs with a kysely plugin that
 * fails every query with ECONNRESET while "cut".
 */
import pg from 'pg';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { openDatabase, type OpenedDatabase } from '../../server/db/database.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { passVerification, startFlow } from './helpers/flows.ts';
import { sweepOperations } from './helpers/sweep.ts';
import { freshPGlite } from './helpers/pglite-template.ts';
import { startTcpProxy } from './helpers/tcp-proxy.ts';

const url = process.env.TEST_DATABASE_URL;

interface Faulty {
  database: OpenedDatabase;
  cut(): void;
  restore(): void;
  cleanup(): Promise<void>;
}

/** PostgreSQL behind a TCP proxy, in a schema of its own. */
async function postgresBehindProxy(baseUrl: string): Promise<Faulty> {
  const schema = `fault_${process.pid}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const target = new URL(baseUrl);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(baseUrl);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  viaProxy.searchParams.set('options', `-c search_path=${schema}`);
  const database = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '' });
  return {
    database,
    cut: () => proxy.cut(),
    restore: () => proxy.restore(),
    async cleanup() {
      proxy.restore();
      await database.close();
      await proxy.close();
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** PGlite whose queries fail like a cut connection while `cut`. */
async function pgliteWithFaults(): Promise<Faulty> {
  const base = await freshPGlite();
  let down = false;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (down) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return {
    database: { ...base, db: base.db.withPlugin(plugin), ping: async () => !down && base.ping() },
    cut: () => void (down = true),
    restore: () => void (down = false),
    async cleanup() {
      down = false;
      await base.close();
    },
  };
}

describe(`database connection cut mid-flow (${url ? 'PostgreSQL through a TCP proxy' : 'PGlite, queries failing with ECONNRESET'})`, () => {
  let t: TestServer;
  let f: Faulty;
  beforeAll(async () => {
    f = url ? await postgresBehindProxy(url) : await pgliteWithFaults();
    t = await startTestServer({ database: f.database });
  });
  afterAll(async () => {
    f?.restore();
    await t?.close();
    await f?.cleanup();
  });

  it('answers 503 unavailable while cut, advances nothing, and continues when the database is back', async () => {
    const { flow } = await passVerification(t, '1712345675');
    f.cut();
    const during = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
    expect(during.status).toBe(503);
    expect(during.body.type).toBe(C.problemType('unavailable'));
    expect(during.headers.get('retry-after')).toBe('5');
    expect((await t.call('GET', '/ready')).body.checks.database).toBe('down');

    f.restore();
    const status = await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken));
    expect(status.body.step).toBe('email');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox`.execute(f.database.db)).rows[0]!.n).toBe(0);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM activation_tokens`.execute(f.database.db)).rows[0]!.n).toBe(0);
    const after = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
    expect(after.status).toBe(202);
  });

  it('every route that needs the database answers 503 unavailable while cut, never 500; /ready is 503 until it is back', async () => {
    const { flow } = await passVerification(t, '1712345675');
    const fresh = await startFlow(t, '0920000015');
    f.cut();
    const answers = await sweepOperations(t, { freshFlowToken: fresh.flowToken, flowToken: flow.flowToken });
    for (const [id, r] of Object.entries(answers)) {
      expect(r.status, `${id} answered ${r.status} ${JSON.stringify(r.body)}`).not.toBe(500);
      if (NO_DATABASE.includes(id)) expect(r.status, id).toBe(200);
      else {
        expect(r.status, id).toBe(503);
        expect(r.body.type, id).toBe(C.problemType('unavailable'));
      }
    }
    expect((await t.call('GET', '/ready')).status).toBe(503);
    f.restore();
    const deadline = Date.now() + 15_000;
    let ready = await t.call('GET', '/ready');
    while (ready.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await t.call('GET', '/ready');
    }
    expect(ready.body.checks.database).toBe('ok');
    expect((await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken))).status).toBe(200);
  });
});

/** Operations that never touch the database (configuration, and a captcha challenge minted in memory). */
const NO_DATABASE = ['getConfig', 'getCaptchaChallenge'];
