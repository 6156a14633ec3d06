/** Distractor pools from the registry, cached briefly (see domain/challenge.ts). */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { DISTRACTOR_EMPLOYERS, DISTRACTOR_PEOPLE, type DistractorPools } from '../domain/challenge.ts';

let cache: { at: number; db: Db; pools: DistractorPools } | undefined;

export async function distractorPools(db: Db, nowMs: number): Promise<DistractorPools> {
  if (cache && cache.db === db && nowMs - cache.at < 60_000 && nowMs >= cache.at) return cache.pools;
  const { rows } = await sql<{ e: string }>`SELECT DISTINCT jsonb_array_elements_text(facts->'employers') AS e FROM affiliates ORDER BY 1 LIMIT 400`.execute(db);
  const { rows: people } = await sql<{ p: string }>`SELECT DISTINCT facts->>'principalName' AS p FROM affiliates WHERE facts ? 'principalName' ORDER BY 1 LIMIT 200`.execute(db);
  const pools = {
    employers: [...new Set([...DISTRACTOR_EMPLOYERS, ...rows.map((r) => r.e)])].sort(),
    people: [...new Set([...DISTRACTOR_PEOPLE, ...people.map((r) => r.p)])].sort(),
  };
  cache = { at: nowMs, db, pools };
  return pools;
}
