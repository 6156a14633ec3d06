/**
 * BUSCAR (protocol step 1). Known and unknown identifications take the same path: an unknown one
 * gets a decoy subject and the same response shape, and no hash operation runs on either (SS-04).
 */
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { StartFlowRequest, StartFlowResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { hmacHex, newToken, sha256Hex } from '../crypto/tokens.ts';
import { shownQuestions } from '../domain/challenge.ts';
import { IDENTIFICATION_FIELD_ERROR, validateIdentification } from '../../widget/domain/identification.ts';
import { maskIdentification } from '../../widget/domain/mask.ts';
import { ProblemError } from '../http/problem.ts';
import { counterState, type AffiliateRow, type CounterRow } from './registry.ts';
import {
  challengeFor,
  decoyTemplateKey,
  decoyTemplateSql,
  keepChallengeSql,
  replaceChallenge,
  subjectOf,
  type ChallengeInputs,
  type TemplateRow,
} from './challenges.ts';
import type { StoredChallenge } from '../domain/challenge.ts';

export const subjectKeyOf = (secret: string, idType: string, id: string) => hmacHex(secret, `subject:${idType}:${id}`);

interface SubjectRead {
  affiliate: AffiliateRow | null;
  questions: string[];
  kept: ChallengeInputs['kept'];
  counter: CounterRow | null;
  template: TemplateRow | null;
}

/**
 * The subject of a flow, its kept challenge and its attempt counter, in ONE statement (issue 15:
 * on PGlite every statement queues behind every other request's). Real and decoy take the same
 * statement: the affiliate and their registered question ids (none for an unknown
 * identification), the kept challenge, the counter, and the decoy template (a registered person
 * picked by the identification's key, read for everyone so a decoy's first look-up costs what a
 * real one's does).
 */
export async function loadSubject(d: AppDeps, idType: StartFlowRequest['idType'], id: string, subjectKey: string) {
  const { rows } = await sql<SubjectRead>`SELECT
      (SELECT to_jsonb(a) FROM (SELECT id_type, identification, kind, given_names, surnames, birth_day, birth_month, email, password_hash, facts
        FROM affiliates WHERE id_type = ${idType} AND identification = ${id}) a) AS affiliate,
      (SELECT coalesce(jsonb_agg(question_id ORDER BY question_id), '[]'::jsonb) FROM security_answers WHERE id_type = ${idType} AND identification = ${id}) AS questions,
      (SELECT to_jsonb(c) FROM (SELECT fingerprint, body FROM challenges WHERE subject_key = ${subjectKey}) c) AS kept,
      (SELECT to_jsonb(k) FROM (SELECT failures, locked_until, updated_at FROM attempt_counters WHERE subject_key = ${subjectKey}) k) AS counter,
      (SELECT to_jsonb(t) FROM (${decoyTemplateSql(decoyTemplateKey(d.config.secret, subjectKey))}) t) AS template`.execute(d.db);
  const r = rows[0]!;
  const affiliate = r.affiliate ?? undefined;
  const drawn = await challengeFor(d, subjectKey, affiliate ? subjectOf(affiliate, r.questions) : undefined, {
    kept: r.kept,
    template: r.template,
  });
  return { affiliate, drawn, counter: r.counter } as const;
}

/** The identification as the request gives it, checked (SS-01) and in its canonical form. */
export function checkedIdentification(idType: StartFlowRequest['idType'], raw: string): string {
  const checked = validateIdentification(idType, raw);
  if (!checked.ok) throw new ProblemError('validation', { fieldErrors: { id: [IDENTIFICATION_FIELD_ERROR[checked.reason]] } });
  return checked.value;
}

export async function startFlow(d: AppDeps, req: StartFlowRequest, ip: string): Promise<StartFlowResponse> {
  const id = checkedIdentification(req.idType, req.id);
  if (!(await d.captcha.verify(req.captcha, ip))) {
    d.log.info({ event: 'captcha_failed' }, 'captcha rechazado');
    throw new ProblemError('captcha-failed');
  }
  // Rate limits ran before this, in the route: a refused BUSCAR costs no captcha check (issue 9).
  const subjectKey = subjectKeyOf(d.config.secret, req.idType, id);
  const now = d.clock.now();
  const { affiliate: known, drawn, counter: counterRow } = await loadSubject(d, req.idType, id, subjectKey);
  const counter = counterState(counterRow, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + d.config.limits.flowLifetimeSeconds * 1000);
  const flowId = randomUUID();
  const values = (challenge: RawBuilder<unknown>, flowCase: RawBuilder<unknown>) =>
    sql`${flowId}, ${sha256Hex(token)}, ${subjectKey}, ${req.idType}, ${known ? id : ''}, ${!known}, ${flowCase}, 'verification', ${now}, ${expiresAt}, ${challenge}`;
  const columns = sql`(id, token_hash, subject_key, id_type, identification, is_decoy, flow_case, step, created_at, expires_at, challenge)`;
  let challenge = drawn.challenge;
  if (drawn.keep && !drawn.keep.replaces) {
    // First look-up: the challenge is kept and the flow opened in one statement, the flow holding what was kept.
    const { rows } = await sql<{
      challenge: StoredChallenge;
    }>`WITH kept AS (${keepChallengeSql(subjectKey, drawn.keep.fingerprint, challenge, now)})
      INSERT INTO flows ${columns} SELECT ${values(sql`kept.body`, sql`kept.body->>'flowCase'`)} FROM kept RETURNING challenge`.execute(
      d.db,
    );
    challenge = rows[0]!.challenge;
  } else {
    if (drawn.keep?.replaces) challenge = await replaceChallenge(d, subjectKey, drawn.keep.fingerprint, drawn.keep.replaces, challenge);
    await sql`INSERT INTO flows ${columns} VALUES (${values(sql`${JSON.stringify(challenge)}::jsonb`, sql`${challenge.flowCase}`)})`.execute(
      d.db,
    );
  }
  const flowCase = challenge.flowCase;
  d.log.info({ event: 'flow_started', subject: subjectKey.slice(0, 12) }, 'trámite iniciado');
  return {
    now: now.toISOString(),
    flowToken: token,
    flowExpiresAt: expiresAt.toISOString(),
    case: flowCase,
    maskedId: maskIdentification(id),
    verification: {
      questions: shownQuestions(challenge, d.questionBank),
      attemptsLeft: Math.max(0, d.config.limits.maxAttempts - counter.failures),
      maxAttempts: d.config.limits.maxAttempts,
      // The same counter for a real and a decoy identification: a lock reads the same (SS-04).
      ...(counter.lockedUntil ? { lockedUntil: counter.lockedUntil.toISOString() } : {}),
    },
  };
}
