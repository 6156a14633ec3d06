/** Reads of the affiliate registry and the attempt counters shared by the use cases. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { IdType } from '../../widget/api/contract.ts';

export type AffiliateKind = 'affiliate' | 'retiree' | 'dependant';

export interface Facts {
  /** Employers with contributions, most recent first. */
  employers?: string[];
  firstContributionYear?: number;
  pensionStartYear?: number;
  /** For dependants: the affiliate they depend on. */
  principalName?: string;
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
  const { rows } = await sql<AffiliateRow>`SELECT id_type, identification, kind, given_names, surnames, birth_day, birth_month, email, password_hash, facts
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

/** The counter as it stands now (an expired lock counts as no failures). */
export async function readCounter(db: Db, subjectKey: string, now: Date): Promise<CounterState> {
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`SELECT failures, locked_until FROM attempt_counters WHERE subject_key = ${subjectKey}`.execute(db);
  const r = rows[0];
  if (!r) return { failures: 0, lockedUntil: undefined };
  if (r.locked_until && new Date(r.locked_until) <= now) return { failures: 0, lockedUntil: undefined };
  return { failures: r.failures, lockedUntil: r.locked_until ? new Date(r.locked_until) : undefined };
}

/**
 * One failed verification, atomically (SS-06): counts and locks in a single statement, so 20
 * parallel wrong answers give exactly `max` counted failures. undefined when already locked.
 */
export async function registerFailure(db: Db, subjectKey: string, now: Date, max: number, lockUntil: Date): Promise<CounterState | undefined> {
  const firstLock = 1 >= max ? lockUntil : null;
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    INSERT INTO attempt_counters AS c (subject_key, failures, locked_until, updated_at)
    VALUES (${subjectKey}, 1, ${firstLock}, ${now})
    ON CONFLICT (subject_key) DO UPDATE SET
      failures = CASE WHEN c.locked_until IS NOT NULL AND c.locked_until <= ${now} THEN 1 ELSE c.failures + 1 END,
      locked_until = CASE
        WHEN c.locked_until IS NOT NULL AND c.locked_until <= ${now} THEN ${firstLock}::timestamptz
        WHEN c.failures + 1 >= ${max} THEN ${lockUntil}::timestamptz
        ELSE NULL END,
      updated_at = ${now}
    WHERE c.locked_until IS NULL OR c.locked_until <= ${now}
    RETURNING failures, locked_until`.execute(db);
  const r = rows[0];
  return r ? { failures: r.failures, lockedUntil: r.locked_until ? new Date(r.locked_until) : undefined } : undefined;
}

/** Success resets the counter unless a lock is in force; false when locked. */
export async function resetFailures(db: Db, subjectKey: string, now: Date): Promise<boolean> {
  await sql`UPDATE attempt_counters SET failures = 0, locked_until = NULL, updated_at = ${now}
    WHERE subject_key = ${subjectKey} AND (locked_until IS NULL OR locked_until <= ${now})`.execute(db);
  const state = await readCounter(db, subjectKey, now);
  return state.lockedUntil === undefined;
}
