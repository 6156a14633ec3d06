/**
 * Retention (DP-05): flow state, links, decoy traces, captcha replay entries and idempotency keys
 * are deleted soon after they stop mattering. Run periodically by the server; safe on replicas.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { ATTEMPT_WINDOW_HOURS, NEW_ADDRESS_FAILURE_WINDOW_DAYS } from '../domain/verification-policy.ts';

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
  await run(
    'flows',
    sql`DELETE FROM flows WHERE expires_at < ${before(RETENTION.flowsMs)} OR completed_at < ${before(RETENTION.flowsMs)} RETURNING id`,
  );
  await run('captcha_used', sql`DELETE FROM captcha_used WHERE expires_at < ${now} RETURNING signature`);
  await run('idempotency_keys', sql`DELETE FROM idempotency_keys WHERE created_at < ${before(RETENTION.idempotencyMs)} RETURNING key`);
  await run(
    'email_registrations',
    sql`DELETE FROM email_registrations WHERE created_at < ${before(RETENTION.emailRegistrationsMs)} RETURNING email`,
  );
  await run('outbox', sql`DELETE FROM outbox WHERE sent_at < ${before(RETENTION.sentMailMs)} RETURNING id`);
  // Counters with no lock in force and whose round has aged out (domain/verification-policy.ts).
  await run(
    'attempt_counters',
    sql`DELETE FROM attempt_counters WHERE (locked_until IS NULL OR locked_until < ${now})
    AND updated_at < ${before(Math.max(lockMinutes * 60_000, ATTEMPT_WINDOW_HOURS * HOUR))} RETURNING subject_key`,
  );
  // Failures count against the new-address budget for a year, then go.
  await run(
    'verification_failures',
    sql`DELETE FROM verification_failures WHERE failed_at < ${before(NEW_ADDRESS_FAILURE_WINDOW_DAYS * 24 * HOUR)} RETURNING id`,
  );
  await run('sessions', sql`DELETE FROM sessions WHERE expires_at < ${before(RETENTION.flowsMs)} RETURNING token_hash`);
  return counts;
}
