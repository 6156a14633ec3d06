/**
 * Named prepared statements on PostgreSQL (issue 15). Each statement the server runs with
 * parameters is parsed and planned once per connection, then only bound and executed: on BUSCAR
 * this cut PostgreSQL's own CPU per request by about half (docs/operations.md, "Prepared
 * statements"). kysely's PostgresDialect calls `client.query(text, values)`; this pool hands it
 * clients whose query names the statement after its text (node-postgres then sends Parse once per
 * connection and Bind/Execute after).
 *
 * Safe under migrations: no statement selects `*`, so adding a column changes no prepared result;
 * a statement made stale by a changed column type runs again unnamed and its connection is
 * replaced (test/server/prepared-statements.test.ts). A transaction-mode pgbouncer needs
 * `max_prepared_statements` > 0, or DATABASE_PREPARED_STATEMENTS=0 (docs/operations.md).
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * At most this many texts get a name; any further text runs unnamed. The server's statements are
 * a fixed set (about 60), so a text built from data cannot make each connection keep statements
 * without end.
 */
export const MAX_NAMED_STATEMENTS = 256;

/**
 * A named statement that can no longer run: its result changed type under a migration that
 * altered a column (0A000, "cached plan must not change result type"), a parameter's column did
 * (42883, "operator does not exist": its type was fixed when it was prepared), or the connection
 * lost it (26000, e.g. behind a pooler that moved the session). PostgreSQL refuses each before
 * executing; run afresh, a statement that is simply wrong fails again with its own error.
 */
export const STALE_STATEMENT = new Set(['0A000', '42883', '26000']);

/**
 * The names a database's prepared statements go by, one per SQL text, on PostgreSQL and PGlite
 * alike: at most `maxNamed` texts get one (a further text runs unnamed); a forgotten text is named
 * afresh.
 */
export function statementNames(maxNamed = MAX_NAMED_STATEMENTS) {
  const names = new Map<string, string>();
  let made = 0;
  return {
    of(text: string): string | undefined {
      let name = names.get(text);
      if (name === undefined && names.size < maxNamed) names.set(text, (name = `iess_${made++}`));
      return name;
    },
    forget: (text: string): void => void names.delete(text),
  };
}

/** `pool`, as kysely sees it, with each parameterised statement prepared under a name. */
export function preparingPool(pool: pg.Pool, maxNamed = MAX_NAMED_STATEMENTS): PostgresPool {
  const names = statementNames(maxNamed);
  // One wrapper per pooled client: kysely keeps a connection object per client it is handed.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  // Clients holding a stale statement: closed on release, so the pool opens a fresh connection.
  const stale = new WeakSet<pg.PoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient =>
    ({
      query: (async (text: string, values: readonly unknown[]) => {
        // Without parameters (BEGIN, COMMIT) the simple protocol is cheaper than a prepared statement.
        const name = values.length > 0 ? names.of(text) : undefined;
        if (!name) return client.query(text, values as unknown[]);
        try {
          return await client.query({ name, text, values: values as unknown[] });
        } catch (err) {
          if (!STALE_STATEMENT.has((err as { code?: string }).code ?? '')) throw err;
          // Nothing ran: run it once more unnamed (outside a transaction this answers; inside one,
          // the transaction has failed and its own error goes up).
          stale.add(client);
          try {
            return await client.query(text, values as unknown[]);
          } catch {
            throw err;
          }
        }
      }) as unknown as PostgresPoolClient['query'],
      // kysely asks to destroy a connection it gave up on (a cancelled query): pass that on.
      release: (destroy?: boolean) => client.release(destroy || stale.has(client)),
      // kysely reads the backend's pid to cancel a query on another connection.
      get processID() {
        return (client as { processID?: number }).processID;
      },
    }) as PostgresPoolClient;
  return {
    options: pool.options,
    // pg's Pool carries its Client class (kysely opens one to cancel a query); its types omit it.
    Client: (pool as unknown as PostgresPool).Client,
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  } as PostgresPool;
}
