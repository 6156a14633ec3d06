/**
 * Retention (DP-05): flow state, links, decoy traces, captcha replay entries and idempotency keys
 * are deleted soon after they stop mattering. Run periodically by the server; safe on replicas.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

const HOUR = 3600_000;

export const RETENTION = {
  /** Flows (and their links, by cascade) this long after they expired or completed. */
  flowsMs: 24 * HOUR,
  /** Idempotency keys are honoured for 24 hours. */
  idempotencyMs: 24 * HOUR,
  /** New-address registrations back the "one per 24 h" rule; kept 48 h. */
  emailRegistrationsMs: 48 * HOUR,
  /** Sent mail bodies (they contain links) are kept 24 hours for diagnosis. */
  sentMailMs: 24 * HOUR,
} as const;

export async function purgeExpired(db: Db, now: Date, lockMinutes: number): Promise<Record<string, number>> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const counts: Record<string, number> = {};
  const run = async (name: string, q: ReturnType<typeof sql>) => {
    const r = await q.execute(db);
    counts[name] = Number(r.numAffectedRows ?? r.rows.length);
  };
  await run('flows', sql`DELETE FROM flows WHERE expires_at < ${before(RETENTION.flowsMs)} OR completed_at < ${before(RETENTION.flowsMs)} RETURNING id`);
  await run('captcha_used', sql`DELETE FROM captcha_used WHERE expires_at < ${now} RETURNING signature`);
  await run('idempotency_keys', sql`DELETE FROM idempotency_keys WHERE created_at < ${before(RETENTION.idempotencyMs)} RETURNING key`);
  await run('email_registrations', sql`DELETE FROM email_registrations WHERE created_at < ${before(RETENTION.emailRegistrationsMs)} RETURNING email`);
  await run('outbox', sql`DELETE FROM outbox WHERE sent_at < ${before(RETENTION.sentMailMs)} RETURNING id`);
  // Counters with no lock in force and no recent failure (the lock window is the observation window).
  await run('attempt_counters', sql`DELETE FROM attempt_counters WHERE (locked_until IS NULL OR locked_until < ${now})
    AND updated_at < ${before(lockMinutes * 60_000)} RETURNING subject_key`);
  await run('sessions', sql`DELETE FROM sessions WHERE expires_at < ${before(RETENTION.flowsMs)} RETURNING token_hash`);
  return counts;
}
