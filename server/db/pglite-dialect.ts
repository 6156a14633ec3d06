/**
 * kysely's PostgresDialect over one PGlite instance. The "pool" hands out its single connection
 * behind a mutex, so a transaction holds it from BEGIN to COMMIT and nothing interleaves.
 * (`kysely-pglite-dialect` does not support PGlite 0.5.)
 */
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { PostgresDialect } from 'kysely';
import { Mutex } from './mutex.ts';
import { MAX_NAMED_STATEMENTS, STALE_STATEMENT, statementNames } from './prepared-statements.ts';

const COMMANDS = ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'SELECT'] as const;

function commandOf(sql: string): string {
  const first = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  return (COMMANDS as readonly string[]).includes(first) ? first : 'UPDATE';
}

type Rows = Results<Record<string, unknown>>;

/**
 * Statements prepared under a name on PGlite's one connection (issue 15). PGlite's `query()` sends
 * Parse, Describe, Bind, Describe, Execute and Sync in six calls into the database and parses and
 * plans the statement every time; a prepared one is bound, described and executed in one call, for
 * about a third of the CPU (docs/operations.md, "Prepared statements"). Resolves undefined where
 * PGlite's own `query()` is to answer: past the cap on names, or for a statement made stale by a
 * changed column type (dropped, to be prepared afresh).
 */
export function preparedStatements(pg: PGlite, maxNamed = MAX_NAMED_STATEMENTS) {
  const names = statementNames(maxNamed);
  /** By name: its parameters' types, from its Describe. */
  const prepared = new Map<string, number[]>();
  const call = (...messages: Uint8Array[]) => {
    const batch = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
    messages.reduce((at, m) => (batch.set(m, at), at + m.length), 0);
    // Under PGlite's own lock, as its query() runs: nothing else of PGlite's may come between.
    return pg.runExclusive(() => pg.execProtocol(batch, {}));
  };
  const { serialize } = protocol;
  return async (sql: string, params: readonly unknown[]): Promise<Rows | undefined> => {
    const name = names.of(sql);
    if (name === undefined) return undefined;
    let types = prepared.get(name);
    if (!types) {
      const { messages } = await call(serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync());
      prepared.set(name, (types = parse.parseDescribeStatementResults(messages)));
    }
    // Each value as PGlite's query() sends it: its type's serializer, else its text.
    const values = params.map((v, i) => (v == null ? null : (pg.serializers[types[i]!]?.(v) ?? String(v))));
    try {
      const { messages } = await call(
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      );
      return parse.parseResults(messages, pg.parsers)[0] as Rows;
    } catch (err) {
      if (!STALE_STATEMENT.has((err as { code?: string }).code ?? '')) throw err;
      names.forget(sql);
      prepared.delete(name);
      await call(serialize.close({ type: 'S', name }), serialize.sync());
      // In a transaction this one has failed: its own error goes up, not "transaction aborted".
      if (pg.isInTransaction()) throw err;
      return undefined;
    }
  };
}

export function createPGliteDialect(pg: PGlite, options: { preparedStatements?: boolean } = {}): PostgresDialect {
  const mutex = new Mutex();
  const prepared = options.preparedStatements === false ? undefined : preparedStatements(pg);
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
            // Without parameters (BEGIN, COMMIT, migrations) PGlite's own query() is as cheap.
            const r =
              (parameters.length > 0 ? await prepared?.(sql, parameters) : undefined) ??
              (await pg.query<Record<string, unknown>>(sql, parameters as unknown[]));
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
