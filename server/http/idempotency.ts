/**
 * Idempotency-Key (docs/protocol.md): a repeat with the same key and body returns the first
 * answer and has no second effect; the same key with another body is idempotency-conflict. Kept in
 * the database so every replica sees it; remembered 24 hours per scope. Only answers worth
 * replaying are kept: successes, and the verification outcomes (a repeated wrong answer must not
 * count twice). A refusal (captcha, validation, rate limit, sequence…) changed nothing, so it is
 * not kept: a repeat is judged afresh, and refused requests cannot fill the table (issue 9, finding 6).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProblemKind } from '../../widget/api/contract.ts';
import type { Clock } from '../ports.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { ProblemError, problemReply, type Reply } from './problem.ts';

const DAY_MS = 24 * 3600_000;

/**
 * The stored first answer is sealed (AES-256-GCM) with a key derived from the request itself, so a
 * reader of the database (a backup, a replica) cannot take the live flow token it may hold; only a
 * retry carrying the same request can open it.
 */
const sealKey = (material: string) => createHash('sha256').update(`iess-clave idempotency\n${material}`).digest();

function seal(material: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(material), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(material: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(material), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
const KEY = /^[\x21-\x7e]{1,100}$/;

/** Problems that are outcomes of work done (a failure counted, a lock set), replayed like successes. */
const REPLAYED_PROBLEMS: ReadonlySet<ProblemKind> = new Set(['verification-failed', 'locked']);

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
  const material = `${scope}\n${key}\n${fingerprint}`;
  await sql`DELETE FROM idempotency_keys WHERE scope = ${scope} AND key = ${key} AND created_at < ${new Date(now.getTime() - DAY_MS)}`.execute(
    db,
  );
  const claimed =
    await sql`INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (${scope}, ${key}, ${requestHash}, ${now})
    ON CONFLICT DO NOTHING RETURNING key`.execute(db);
  if (claimed.rows.length === 0) {
    // Someone used this key: replay its answer, waiting briefly while the first is still running.
    for (let i = 0; i < 50; i++) {
      const { rows } = await sql<{ request_hash: string; status: number | null; body: string | null }>`SELECT request_hash, status, body
        FROM idempotency_keys WHERE scope = ${scope} AND key = ${key}`.execute(db);
      const row = rows[0];
      if (!row) return idempotent(db, clock, key, scope, fingerprint, run);
      if (row.request_hash !== requestHash) throw new ProblemError('idempotency-conflict');
      if (row.status !== null) {
        const body: unknown = row.body === null ? null : JSON.parse(unseal(material, row.body));
        return { status: row.status, body, headers: { 'Idempotent-Replayed': 'true' } };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new ProblemError('idempotency-conflict');
  }
  let reply: Reply;
  try {
    reply = await run();
  } catch (err) {
    if (err instanceof ProblemError && REPLAYED_PROBLEMS.has(err.kind)) reply = problemReply(err, clock.now());
    else {
      await sql`DELETE FROM idempotency_keys WHERE scope = ${scope} AND key = ${key}`.execute(db).catch(() => {});
      throw err;
    }
  }
  await sql`UPDATE idempotency_keys SET status = ${reply.status}, body = ${seal(material, JSON.stringify(reply.body))} WHERE scope = ${scope} AND key = ${key}`.execute(
    db,
  );
  return reply;
}
