/**
 * The challenge of an identification, built once and kept (domain/challenge.ts): a real person's
 * options change only when their own record does; a decoy's never do. The registry's answer
 * distributions are read by SQL and cached.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AppDeps } from '../deps.ts';
import { hmacHex } from '../crypto/tokens.ts';
import {
  answerOf,
  buildChallenge,
  challengeFingerprint,
  FACT_QUESTIONS,
  type ChallengeSubject,
  type Distributions,
  type StoredChallenge,
} from '../domain/challenge.ts';
import { prepareDistribution, type Distribution } from '../domain/option-sampling.ts';
import type { AffiliateKind, AffiliateRow, Facts } from './registry.ts';

const CACHE_MS = 10 * 60_000;
/** A missing answer (an import since the cache was filled) refreshes it, at most this often. */
const REFRESH_MS = 30_000;

let cache: { db: Db; k: number; at: number; dists: Distributions } | undefined;

async function readDistributions(db: Db, k: number): Promise<Distributions> {
  const dists = new Map<string, Distribution>();
  for (const q of FACT_QUESTIONS) {
    const path = `{${q.path.join(',')}}`;
    const { rows } = await sql<{ v: string; n: number }>`SELECT facts #>> ${path}::text[] AS v, count(*)::int AS n
      FROM affiliates WHERE kind IN (${sql.join([...q.kinds])}) AND facts #>> ${path}::text[] IS NOT NULL GROUP BY 1`.execute(db);
    const dist = prepareDistribution(new Map(rows.map((r) => [r.v, r.n])), k);
    if (dist) dists.set(q.id, dist);
  }
  return dists;
}

/** The registry's distributions; refreshed when `needed` answers are missing (an import since). */
export async function distributions(db: Db, k: number, nowMs: number, needed: Array<[string, string]> = []): Promise<Distributions> {
  const fresh = cache && cache.db === db && cache.k === k && nowMs >= cache.at && nowMs - cache.at < CACHE_MS;
  const missing = needed.some(([key, v]) => cache?.dists.has(key) && !cache.dists.get(key)!.index.has(v));
  if (!fresh || (missing && nowMs - cache!.at >= REFRESH_MS)) cache = { db, k, at: nowMs, dists: await readDistributions(db, k) };
  return cache!.dists;
}

/** Drops the cache (tests that import between look-ups, and `import` in the same process). */
export function forgetDistributions(): void {
  cache = undefined;
}

const cryptoRandom = () => randomInt(0, 2 ** 47) / 2 ** 47;

/** Where a decoy's template is picked: a key derived from the decoy's identification. */
export const decoyTemplateKey = (secret: string, subjectKey: string) => hmacHex(secret, `decoy-template:${subjectKey}`).slice(0, 32);

/** A decoy template as BUSCAR's single read returns it (decoyTemplateSql). */
export interface TemplateRow {
  kind: AffiliateKind;
  facts: Facts;
  has_password: boolean;
  questions: string[];
}

/**
 * A registered person picked uniformly by `at` (the first sample_key at or after it, wrapping to
 * the first), with their registered question ids: a sub-select of one row, so BUSCAR reads it in
 * the same statement for real and decoy identifications alike. Two index look-ups of one row each.
 */
export const decoyTemplateSql = (at: string) => sql`SELECT x.kind, x.facts, x.password_hash IS NOT NULL AS has_password,
    (SELECT coalesce(jsonb_agg(s.question_id ORDER BY s.question_id), '[]'::jsonb) FROM security_answers s WHERE s.id_type = x.id_type AND s.identification = x.identification) AS questions
  FROM ((SELECT 0 AS pref, id_type, identification, kind, facts, password_hash FROM affiliates WHERE sample_key >= ${at} ORDER BY sample_key LIMIT 1)
    UNION ALL (SELECT 1 AS pref, id_type, identification, kind, facts, password_hash FROM affiliates ORDER BY sample_key LIMIT 1)) x
  ORDER BY x.pref LIMIT 1`;

const templateSubject = (row: TemplateRow): ChallengeSubject => ({
  kind: row.kind,
  facts: row.facts,
  flowCase: row.has_password ? 'recuperar' : 'generar',
  registeredQuestionIds: row.questions,
});

/** An empty registry has no one to imitate: a decoy with no questions to show. */
const EMPTY_DECOY: ChallengeSubject = { kind: 'affiliate', facts: {}, flowCase: 'generar', registeredQuestionIds: [] };

export function subjectOf(affiliate: AffiliateRow, registeredQuestionIds: string[]): ChallengeSubject {
  return {
    kind: affiliate.kind,
    facts: affiliate.facts,
    flowCase: affiliate.password_hash ? 'recuperar' : 'generar',
    registeredQuestionIds,
  };
}

/** What BUSCAR's single read found: the kept challenge (if any) and the decoy template (if the registry has anyone). */
export interface ChallengeInputs {
  kept: { fingerprint: string; body: StoredChallenge } | null | undefined;
  template: TemplateRow | null | undefined;
}

/**
 * The kept challenge of an identification, or a new one to keep. Real people's is drawn again
 * when their record changed (fingerprint); a decoy's never is. `inputs` were read by the caller in
 * the same statement for real and decoy identifications; this reads nothing else but the cached
 * distributions. A new one (`keep`) is written by the caller: keepChallengeSql in the same
 * statement as the flow on a first look-up, replaceChallenge when a real record changed.
 */
export async function challengeFor(
  d: AppDeps,
  subjectKey: string,
  real: ChallengeSubject | undefined,
  inputs: ChallengeInputs,
): Promise<{ challenge: StoredChallenge; keep?: { fingerprint: string; replaces?: string } }> {
  const { kept } = inputs;
  const fingerprint = real ? challengeFingerprint(real) : 'decoy';
  if (kept && kept.fingerprint === fingerprint) return { challenge: kept.body };
  const subject = real ?? (inputs.template ? templateSubject(inputs.template) : EMPTY_DECOY);
  const k = d.config.limits.challengeOptions;
  const needed = real
    ? FACT_QUESTIONS.flatMap((q): Array<[string, string]> => {
        const v = answerOf(real.facts, q);
        return v === undefined || !q.kinds.includes(real.kind) ? [] : [[q.id, v]];
      })
    : [];
  const dists = await distributions(d.db, k, d.clock.now().getTime(), needed);
  const challenge = buildChallenge(subject, dists, cryptoRandom, {
    decoy: !real,
    pickTextQuestions: (ids) => pickTwo(d.config.secret, subjectKey, ids),
  });
  return { challenge, keep: kept ? { fingerprint, replaces: kept.fingerprint } : { fingerprint } };
}

/**
 * A first look-up's challenge kept, as a CTE (`kept (body)`) for the statement that opens the
 * flow. Two first look-ups at once: the first to write wins and both show what was kept (a
 * conflict returns the kept row, unchanged).
 */
export const keepChallengeSql = (subjectKey: string, fingerprint: string, challenge: StoredChallenge, at: Date) =>
  sql`INSERT INTO challenges AS c (subject_key, fingerprint, body, created_at) VALUES (${subjectKey}, ${fingerprint}, ${JSON.stringify(challenge)}::jsonb, ${at})
    ON CONFLICT (subject_key) DO UPDATE SET fingerprint = c.fingerprint RETURNING c.body`;

/** A real person's record changed: their challenge is drawn again (unless someone else just did: theirs is shown). */
export async function replaceChallenge(
  d: AppDeps,
  subjectKey: string,
  fingerprint: string,
  replaces: string,
  challenge: StoredChallenge,
): Promise<StoredChallenge> {
  const { rows } = await sql<{
    body: StoredChallenge;
  }>`UPDATE challenges SET fingerprint = ${fingerprint}, body = ${JSON.stringify(challenge)}::jsonb, created_at = ${d.clock.now()}
    WHERE subject_key = ${subjectKey} AND fingerprint = ${replaces} RETURNING body`.execute(d.db);
  if (rows[0]) return rows[0].body;
  const { rows: now } = await sql<{ body: StoredChallenge }>`SELECT body FROM challenges WHERE subject_key = ${subjectKey}`.execute(d.db);
  return now[0]?.body ?? challenge;
}

/** recuperar: 2 of the registered questions, the same 2 every time (SS-09 no question shopping). */
function pickTwo(secret: string, subjectKey: string, ids: string[]): string[] {
  return [...ids].sort((a, b) => hmacHex(secret, `${subjectKey}:${a}`).localeCompare(hmacHex(secret, `${subjectKey}:${b}`))).slice(0, 2);
}
