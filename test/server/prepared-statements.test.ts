/**
 * Named prepared statements (issue 15; server/db/prepared-statements.ts for PostgreSQL,
 * server/db/pglite-dialect.ts for PGlite): the server's parameterised statements are parsed and
 * planned once per connection and executed many times; a migration that adds a column under a
 * running server breaks none of them (no statement selects `*`), one that changes a column's type
 * costs no request; DATABASE_PREPARED_STATEMENTS=0 prepares nothing; the number of names is
 * bounded. Each database here has ONE connection, so `pg_prepared_statements` (which shows only its
 * own session's statements) shows everything the server prepared. PGlite always; PostgreSQL with
 * TEST_DATABASE_URL.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../server/db/database.ts';
import { preparedStatements } from '../../server/db/pglite-dialect.ts';
import { preparingPool } from '../../server/db/prepared-statements.ts';
import { freshPGlite } from './helpers/pglite-template.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { startFlow } from './helpers/flows.ts';

const url = process.env.TEST_DATABASE_URL;

interface Prepared {
  name: string;
  statement: string;
  runs: number;
}

/** What this session has prepared, and how often each was executed (PostgreSQL 14+ counts plans). */
const preparedIn = async (db: OpenedDatabase['db']) =>
  (
    await sql<Prepared>`SELECT name, statement, (generic_plans + custom_plans)::int AS runs
      FROM pg_prepared_statements WHERE name LIKE ${'iess\\_%'}`.execute(db)
  ).rows;

/** Every .ts file under server/. */
const serverSources = (dir = join(import.meta.dirname, '../../server')): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? serverSources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

// A reading of the sources, as a linter would: written `*` only. The tests against PostgreSQL below
// prove the behaviour, whatever the spelling.
it('no statement of the server is written to select or return `*` (a prepared result would change type with a new column)', () => {
  const star = /\b(SELECT|RETURNING)\s+(\w+\.)?\*|sql\.raw\(\s*['"`]\s*\*/gi;
  const found = serverSources().flatMap((file) => [...readFileSync(file, 'utf8').matchAll(star)].map((m) => `${file}: ${m[0]}`));
  expect(found).toEqual([]);
});

/** A database with ONE connection, for a server: PGlite's copy, or a fresh schema on PostgreSQL. */
interface Opened {
  database: OpenedDatabase;
  /** The same database, with DATABASE_PREPARED_STATEMENTS=0. */
  unprepared(): Promise<OpenedDatabase>;
  drop(): Promise<void>;
}

const admin = async (q: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
};

async function onPGlite(): Promise<Opened> {
  const fresh = await freshPGlite();
  await fresh.closeKeepingFiles();
  const database = await openDatabase({ dataDir: fresh.dir });
  return {
    database,
    unprepared: () => openDatabase({ dataDir: fresh.dir, preparedStatements: false }),
    drop: async () => rmSync(fresh.dir, { recursive: true, force: true }),
  };
}

async function onPostgres(): Promise<Opened> {
  const schema = `prep_${process.pid}`;
  await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const u = new URL(url!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    database: await openDatabase({ databaseUrl: u.toString(), dataDir: '', poolSize: 1 }),
    unprepared: () => openDatabase({ databaseUrl: u.toString(), dataDir: '', poolSize: 1, preparedStatements: false }),
    drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

for (const [kind, open] of [
  ['PGlite', onPGlite],
  ['PostgreSQL', onPostgres],
] as const) {
  describe.runIf(kind === 'PGlite' || url)(`prepared statements (${kind})`, () => {
    let opened: Opened;
    let database: OpenedDatabase;
    let t: TestServer;
    const ddl = (statement: string) => sql.raw(statement).execute(database.db);

    beforeAll(async () => {
      opened = await open();
      database = opened.database;
      t = await startTestServer({ database });
    }, 120_000);
    let closed = false;
    afterAll(async () => {
      if (!closed) {
        await t?.close();
        await database?.close();
      }
      await opened?.drop();
    });

    it('a statement is prepared once on its connection and executed again under its name', async () => {
      const flow = await startFlow(t, '1712345675');
      for (let i = 0; i < 3; i++) expect((await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken))).status).toBe(200);
      const prepared = await preparedIn(database.db);
      const byToken = prepared.find((p) => /FROM flows WHERE token_hash = \$1/.test(p.statement));
      expect(byToken, JSON.stringify(prepared.map((p) => p.statement.slice(0, 60)))).toBeDefined();
      expect(byToken!.runs).toBeGreaterThanOrEqual(3);
      // BUSCAR's statements too (its read of the subject, the new flow).
      expect(prepared.some((p) => p.statement.includes('INSERT INTO flows'))).toBe(true);
    });

    it('a migration that adds a column under a running server breaks none of its prepared statements', async () => {
      const flow = await startFlow(t, '1712345675');
      const auth = bearer(flow.flowToken);
      const extend = () => {
        t.clock.advance(60_000);
        return t.call('POST', '/v1/flows/current/extension', {}, auth);
      };
      expect((await t.call('GET', '/v1/flows/current', undefined, auth)).status).toBe(200);
      expect((await extend()).status).toBe(200);
      await ddl('ALTER TABLE flows ADD COLUMN added_by_a_later_release text');
      const status = await t.call('GET', '/v1/flows/current', undefined, auth);
      expect(status.status, JSON.stringify(status.body)).toBe(200);
      const extended = await extend();
      expect(extended.status, JSON.stringify(extended.body)).toBe(200);
      expect(extended.body.extensionsLeft).toBe(t.config.limits.maxFlowExtensions - 2);
    });

    it("a migration that changes a column's type costs no request: the stale statement runs again unnamed and is prepared afresh", async () => {
      const flow = await startFlow(t, '1712345675');
      const auth = bearer(flow.flowToken);
      expect((await t.call('GET', '/v1/flows/current', undefined, auth)).status).toBe(200);
      // A prepared statement whose result changes type fails ("cached plan must not change result type").
      await ddl('ALTER TABLE flows ALTER COLUMN email_target TYPE varchar(320)');
      const status = await t.call('GET', '/v1/flows/current', undefined, auth);
      expect(status.status, JSON.stringify(status.body)).toBe(200);
      // Prepared again (on a new connection, on PostgreSQL): the next one runs under a name again.
      const after = await t.call('GET', '/v1/flows/current', undefined, auth);
      expect(after.status, JSON.stringify(after.body)).toBe(200);
      const again = (await preparedIn(database.db)).find((p) => /FROM flows WHERE token_hash = \$1/.test(p.statement));
      expect(again?.runs).toBe(1);
    });

    it('DATABASE_PREPARED_STATEMENTS=0: nothing is prepared', async () => {
      // Last: PGlite's files are opened again by one instance at a time.
      closed = true;
      await t.close();
      await database.close();
      const plain = await opened.unprepared();
      try {
        for (let i = 0; i < 2; i++) await sql`SELECT count(*) FROM flows WHERE step = ${'verification'}`.execute(plain.db);
        expect(await preparedIn(plain.db)).toEqual([]);
      } finally {
        await plain.close();
      }
    });
  });
}

describe.runIf(url)('the cap on names (PostgreSQL)', () => {
  it('at most maxNamed texts get a name; the rest run unnamed, and every one answers', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await preparingPool(pool, 2).connect();
    try {
      for (const n of [1, 2, 3, 4, 1]) {
        const r = await client.query<{ n: number }>(`SELECT $1::int + ${n} AS n`, [10]);
        expect(r.rows[0]!.n).toBe(10 + n);
      }
      const { rows } = await client.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE name LIKE $1`, [
        'iess\\_%',
      ]);
      expect(rows.map((r) => r.statement).sort()).toEqual(['SELECT $1::int + 1 AS n', 'SELECT $1::int + 2 AS n']);
    } finally {
      client.release();
      await pool.end();
    }
  });
});

describe('the cap on names (PGlite)', () => {
  it('at most maxNamed texts get a name; the rest run as PGlite runs them, and every one answers', async () => {
    const lite = await PGlite.create();
    try {
      const run = preparedStatements(lite, 2);
      for (const n of [1, 2, 3, 4, 1]) {
        const r = (await run(`SELECT $1::int + ${n} AS n`, [10])) ?? (await lite.query<{ n: number }>(`SELECT $1::int + ${n} AS n`, [10]));
        expect(r.rows[0]!.n).toBe(10 + n);
      }
      expect(await run('SELECT $1::int AS n', [1])).toBeUndefined();
      const { rows } = await lite.query<{ statement: string; runs: number }>(
        `SELECT statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements ORDER BY statement`,
      );
      // The first text ran twice under its name.
      expect(rows).toEqual([
        { statement: 'SELECT $1::int + 1 AS n', runs: 2 },
        { statement: 'SELECT $1::int + 2 AS n', runs: 1 },
      ]);
    } finally {
      await lite.close();
    }
  });

  it('a statement made stale inside a transaction fails with its own error, and runs again after it', async () => {
    const lite = await PGlite.create();
    try {
      const run = preparedStatements(lite);
      await lite.exec(`CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a')`);
      const read = 'SELECT id, v FROM t WHERE id = $1';
      expect((await run(read, [1]))?.rows).toEqual([{ id: 1, v: 'a' }]);
      await lite.exec(`ALTER TABLE t ALTER COLUMN v TYPE varchar(10)`);
      await lite.exec('BEGIN');
      const failed = await run(read, [1]).catch((err: { code?: string }) => err.code);
      await lite.exec('ROLLBACK');
      expect(failed).toBe('0A000');
      // Prepared afresh outside the transaction.
      expect((await run(read, [1]))?.rows).toEqual([{ id: 1, v: 'a' }]);
    } finally {
      await lite.close();
    }
  });
});
