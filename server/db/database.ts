/**
 * Opens the database: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. The rest of
 * the server sees one Kysely instance and writes plain PostgreSQL.
 */
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createPGliteDialect } from './pglite-dialect.ts';

// Raw SQL through kysely's `sql` tag is the style here; table types would add little.
export type Tables = Record<string, Record<string, unknown>>;
export type Db = Kysely<Tables>;

export interface OpenedDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  ping(): Promise<boolean>;
}

export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<OpenedDatabase> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client dying (database restart, cut connection) must not crash the process.
    pool.on('error', () => {});
    // A client cut while checked out emits 'error' too; its query already rejects with it.
    pool.on('connect', (client) => void client.on('error', () => {}));
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy(), ping: () => ping(db) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  mkdirSync(opts.dataDir, { recursive: true });
  const lite = await PGlite.create(opts.dataDir);
  const db = new Kysely<Tables>({ dialect: createPGliteDialect(lite) });
  return {
    db,
    kind: 'pglite',
    async close() {
      await db.destroy();
      await lite.close();
    },
    ping: () => ping(db),
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
