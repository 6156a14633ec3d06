/**
 * kysely's PostgresDialect over one PGlite instance. The "pool" hands out its single connection
 * behind a mutex, so a transaction holds it from BEGIN to COMMIT and nothing interleaves.
 * (`kysely-pglite-dialect` does not support PGlite 0.5.)
 */
import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect } from 'kysely';
import { Mutex } from './mutex.ts';

const COMMANDS = ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'SELECT'] as const;

function commandOf(sql: string): string {
  const first = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  return (COMMANDS as readonly string[]).includes(first) ? first : 'UPDATE';
}

export function createPGliteDialect(pg: PGlite): PostgresDialect {
  const mutex = new Mutex();
  let closed = false;
  return new PostgresDialect({
    pool: {
      // No pg pool options: kysely reads them only to cancel a query over a second connection,
      // which PGlite (one in-process connection) has no use for.
      options: {},
      async connect() {
        const release = await mutex.acquire();
        if (closed) {
          release();
          throw new Error('la base de datos está cerrada');
        }
        let released = false;
        return {
          async query(sql: string, parameters: readonly unknown[]) {
            const r = await pg.query<Record<string, unknown>>(sql, parameters as unknown[]);
            return { command: commandOf(sql), rowCount: r.affectedRows ?? r.rows.length, rows: r.rows };
          },
          release() {
            if (!released) {
              released = true;
              release();
            }
          },
        } as never;
      },
      async end() {
        const release = await mutex.acquire();
        closed = true;
        release();
      },
    },
  });
}
