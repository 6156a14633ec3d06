/** Reads of the affiliate registry and the attempt counters shared by the use cases. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { IdType } from '../../widget/api/contract.ts';
import { ATTEMPT_WINDOW_HOURS, NEW_ADDRESS_FAILURE_WINDOW_DAYS } from '../domain/verification-policy.ts';

export type AffiliateKind = 'affiliate' | 'retiree' | 'dependant';

export interface Facts {
  /** Employers with contributions, most recent first. */
  employers?: string[];
  firstContributionYear?: number;
  pensionStartYear?: number;
  /** For dependants: the affiliate they depend on, that affiliate's employer, and since when. */
  principalName?: string;
  principalEmployer?: string;
  dependantSinceYear?: number;
}

export interface AffiliateRow {
  id_type: IdType;
  identification: string;
  kind: AffiliateKind;
  given_names: string;
  surnames: string;
  birth_day: number;
  birth_month: number;
  email: string | null;
  password_hash: string | null;
  facts: Facts;
}

export async function findAffiliate(db: Db, idType: IdType, id: string): Promise<AffiliateRow | undefined> {
  const { rows } =
    await sql<AffiliateRow>`SELECT id_type, identification, kind, given_names, surnames, birth_day, birth_month, email, password_hash, facts
    FROM affiliates WHERE id_type = ${idType} AND identification = ${id}`.execute(db);
  return rows[0];
}

export async function securityAnswers(db: Db, idType: IdType, id: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ question_id: string; answer_hash: string }>`SELECT question_id, answer_hash FROM security_answers
    WHERE id_type = ${idType} AND identification = ${id} ORDER BY question_id`.execute(db);
  return new Map(rows.map((r) => [r.question_id, r.answer_hash]));
}

export interface CounterState {
  failures: number;
  lockedUntil: Date | undefined;
}

const roundStart = (now: Date) => new Date(now.getTime() - ATTEMPT_WINDOW_HOURS * 3600_000);

/**
 * The counter as it stands now. A round ends with its lock, or ATTEMPT_WINDOW_HOURS after its last
 * failure; success never resets it, so real and decoy identifications count alike (issue 9 §3).
 */
export async function readCounter(db: Db, subjectKey: string, now: Date): Promise<CounterState> {
  const { rows } =
    await sql<CounterRow>`SELECT failures, locked_until, updated_at FROM attempt_counters WHERE subject_key = ${subjectKey}`.execute(db);
  return counterState(rows[0], now);
}

/** A row of attempt_counters (dates as Date, or as ISO text when read through to_jsonb). */
export interface CounterRow {
  failures: number;
  locked_until: Date | string | null;
  updated_at: Date | string;
}

/** The counter as it stands now, from its row (readCounter, or BUSCAR's single read). */
export function counterState(r: CounterRow | null | undefined, now: Date): CounterState {
  if (!r) return { failures: 0, lockedUntil: undefined };
  if (r.locked_until && new Date(r.locked_until) <= now) return { failures: 0, lockedUntil: undefined };
  if (!r.locked_until && new Date(r.updated_at) <= roundStart(now)) return { failures: 0, lockedUntil: undefined };
  return { failures: r.failures, lockedUntil: r.locked_until ? new Date(r.locked_until) : undefined };
}

export interface Reservation extends CounterState {
  failureId: number;
}

/**
 * Counts an attempt as a failure BEFORE it is evaluated (SS-06), atomically: 50 parallel answers
 * give exactly `max` reservations and the rest are refused as locked before any hash runs.
 * undefined when already locked. A right answer gives its reservation back (releaseAttempt).
 */
export async function reserveAttempt(
  db: Db,
  subjectKey: string,
  now: Date,
  max: number,
  lockUntil: Date,
): Promise<Reservation | undefined> {
  const firstLock = 1 >= max ? lockUntil : null;
  const stale = roundStart(now);
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    INSERT INTO attempt_counters AS c (subject_key, failures, locked_until, updated_at)
    VALUES (${subjectKey}, 1, ${firstLock}, ${now})
    ON CONFLICT (subject_key) DO UPDATE SET
      failures = CASE WHEN (c.locked_until IS NOT NULL AND c.locked_until <= ${now}) OR (c.locked_until IS NULL AND c.updated_at <= ${stale}) THEN 1 ELSE c.failures + 1 END,
      locked_until = CASE
        WHEN (c.locked_until IS NOT NULL AND c.locked_until <= ${now}) OR (c.locked_until IS NULL AND c.updated_at <= ${stale}) THEN ${firstLock}::timestamptz
        WHEN c.failures + 1 >= ${max} THEN ${lockUntil}::timestamptz
        ELSE NULL END,
      updated_at = ${now}
    WHERE c.locked_until IS NULL OR c.locked_until <= ${now}
    RETURNING failures, locked_until`.execute(db);
  const r = rows[0];
  if (!r) return undefined;
  const { rows: f } = await sql<{
    id: number;
  }>`INSERT INTO verification_failures (subject_key, failed_at) VALUES (${subjectKey}, ${now}) RETURNING id`.execute(db);
  return { failures: r.failures, lockedUntil: r.locked_until ? new Date(r.locked_until) : undefined, failureId: f[0]!.id };
}

/** A right answer: its reservation is no failure (a lock it alone set is lifted). */
export async function releaseAttempt(db: Db, subjectKey: string, reservation: Reservation, max: number): Promise<void> {
  await sql`UPDATE attempt_counters SET failures = GREATEST(failures - 1, 0),
      locked_until = CASE WHEN failures - 1 < ${max} THEN NULL ELSE locked_until END
    WHERE subject_key = ${subjectKey}`.execute(db);
  await sql`DELETE FROM verification_failures WHERE id = ${reservation.failureId}`.execute(db);
}

/** Failures of an identification in the new-address budget's window (domain/verification-policy.ts). */
export async function recentFailures(db: Db, subjectKey: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - NEW_ADDRESS_FAILURE_WINDOW_DAYS * 24 * 3600_000);
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM verification_failures WHERE subject_key = ${subjectKey} AND failed_at > ${since}`.execute(db);
  return rows[0]?.n ?? 0;
}
