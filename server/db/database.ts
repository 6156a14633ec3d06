/**
 * Opens the database: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. The rest of
 * the server sees one Kysely instance and writes plain PostgreSQL.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createPGliteDialect } from './pglite-dialect.ts';
import { preparingPool } from './prepared-statements.ts';

// Raw SQL through kysely's `sql` tag is the style here; table types would add little.
export type Tables = Record<string, Record<string, unknown>>;
export type Db = Kysely<Tables>;

export interface OpenedDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  ping(): Promise<boolean>;
  /** PostgreSQL only: the pool's connections (metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
}

/** DATA_DIR cannot be used: the message names the variable and says why. */
export class DataDirError extends Error {
  constructor(dir: string, why: string) {
    super(`DATA_DIR=${JSON.stringify(dir)}: ${why}. Ejemplo: DATA_DIR=/var/lib/iess-clave`);
    this.name = 'DataDirError';
  }
}

export const DEFAULT_POOL_SIZE = 10;

export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Name each parameterised statement, so it is parsed and planned once per connection (on unless false). */
  preparedStatements?: boolean;
}): Promise<OpenedDatabase> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: 5000,
    });
    // An idle client dying (database restart, cut connection) must not crash the process.
    pool.on('error', () => {});
    // A client cut while checked out emits 'error' too; its query already rejects with it.
    pool.on('connect', (client) => void client.on('error', () => {}));
    const db = new Kysely<Tables>({
      dialect: new PostgresDialect({ pool: opts.preparedStatements === false ? pool : preparingPool(pool) }),
    });
    return {
      db,
      kind: 'postgres',
      close: () => db.destroy(),
      ping: () => ping(db),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    };
  }
  prepareDataDir(opts.dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create(opts.dataDir);
  const db = new Kysely<Tables>({ dialect: createPGliteDialect(lite, { preparedStatements: opts.preparedStatements }) });
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

/**
 * Creates DATA_DIR (and missing parents) and checks it is a writable directory, failing at once
 * with a clear message. One level at a time: Node's recursive mkdir loops for ever under /proc.
 */
export function prepareDataDir(dir: string): void {
  const make = (d: string, depth: number): void => {
    try {
      mkdirSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      if (code === 'ENOENT' && depth < 64 && dirname(d) !== d) {
        make(dirname(d), depth + 1);
        try {
          mkdirSync(d);
          return;
        } catch (again) {
          if ((again as NodeJS.ErrnoException).code === 'EEXIST') return;
          throw new DataDirError(dir, `no se pudo crear la carpeta ${d} (${(again as NodeJS.ErrnoException).code})`);
        }
      }
      throw new DataDirError(dir, `no se pudo crear la carpeta ${d} (${code})`);
    }
  };
  const full = resolve(dir);
  make(full, 0);
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) throw new DataDirError(dir, 'no es una carpeta');
  try {
    accessSync(full, constants.W_OK | constants.X_OK);
  } catch {
    throw new DataDirError(dir, 'la carpeta no admite escritura para este usuario');
  }
}

async function ping(db: Db): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
