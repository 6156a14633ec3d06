/**
 * Idempotency-Key (docs/protocol.md): a repeat with the same key and body returns the first
 * answer and has no second effect; the same key with another body is idempotency-conflict. Kept in
 * the database so every replica sees it; remembered 24 hours per scope.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../ports.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { ProblemError, problemReply, type Reply } from './problem.ts';

const DAY_MS = 24 * 3600_000;
const KEY = /^[\x21-\x7e]{1,100}$/;

export async function idempotent(
  db: Db,
  clock: Clock,
  key: string | undefined,
  scope: string,
  fingerprint: string,
  run: () => Promise<Reply>,
): Promise<Reply> {
  if (key === undefined) return run();
  if (!KEY.test(key)) throw new ProblemError('validation', { fieldErrors: { 'Idempotency-Key': ['format'] } });
  const now = clock.now();
  const requestHash = sha256Hex(fingerprint);
  await sql`DELETE FROM idempotency_keys WHERE scope = ${scope} AND key = ${key} AND created_at < ${new Date(now.getTime() - DAY_MS)}`.execute(db);
  const claimed = await sql`INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (${scope}, ${key}, ${requestHash}, ${now})
    ON CONFLICT DO NOTHING RETURNING key`.execute(db);
  if (claimed.rows.length === 0) {
    // Someone used this key: replay its answer, waiting briefly while the first is still running.
    for (let i = 0; i < 50; i++) {
      const { rows } = await sql<{ request_hash: string; status: number | null; body: string | null }>`SELECT request_hash, status, body
        FROM idempotency_keys WHERE scope = ${scope} AND key = ${key}`.execute(db);
      const row = rows[0];
      if (!row) return idempotent(db, clock, key, scope, fingerprint, run);
      if (row.request_hash !== requestHash) throw new ProblemError('idempotency-conflict');
      if (row.status !== null) return { status: row.status, body: JSON.parse(row.body ?? 'null'), headers: { 'Idempotent-Replayed': 'true' } };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new ProblemError('idempotency-conflict');
  }
  let reply: Reply;
  try {
    reply = await run();
  } catch (err) {
    if (err instanceof ProblemError && err.kind !== 'rate-limited') reply = problemReply(err, clock.now());
    else {
      await sql`DELETE FROM idempotency_keys WHERE scope = ${scope} AND key = ${key}`.execute(db).catch(() => {});
      throw err;
    }
  }
  await sql`UPDATE idempotency_keys SET status = ${reply.status}, body = ${JSON.stringify(reply.body)} WHERE scope = ${scope} AND key = ${key}`.execute(db);
  return reply;
}

