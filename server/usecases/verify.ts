/**
 * CONTINUAR on verification (protocol step 2). Every well-formed, evaluated submission first takes
 * one attempt from the identification's round (SS-06), before any hash runs, and a right one gives
 * it back; decoys never pass and lock the same way. The number of argon2 verifications depends
 * only on the case, never on whether the subject is real (SS-04): every text answer is verified
 * against a stored hash or the dummy hash.
 */
import { sql } from 'kysely';
import type { VerifyRequest, VerifyResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { maskEmail } from '../../widget/domain/mask.ts';
import { rightValue, type StoredChallenge } from '../domain/challenge.ts';
import { normalizeAnswer } from '../domain/normalize.ts';
import { newAddressOnline } from '../domain/verification-policy.ts';
import { ProblemError } from '../http/problem.ts';
import type { FlowRow } from './flow-auth.ts';
import { ensureHashingCapacity } from './rate-limits.ts';
import { findAffiliate, readCounter, recentFailures, releaseAttempt, reserveAttempt, securityAnswers } from './registry.ts';

export async function verify(d: AppDeps, flow: FlowRow, req: VerifyRequest): Promise<VerifyResponse> {
  if (flow.step !== 'verification' || !flow.challenge) throw new ProblemError('sequence');
  const now = d.clock.now();
  const { maxAttempts, lockMinutes } = d.config.limits;
  const challenge: StoredChallenge = flow.challenge;
  // Text questions are verified with argon2id: refused before the attempt is taken when its queue is full.
  if (challenge.questions.some((q) => q.kind === 'text')) ensureHashingCapacity(d, 'anyone');
  const reservation = await reserveAttempt(d.db, flow.subject_key, now, maxAttempts, new Date(now.getTime() + lockMinutes * 60_000));
  if (!reservation) {
    const current = await readCounter(d.db, flow.subject_key, now);
    throw new ProblemError('locked', { lockedUntil: current.lockedUntil ?? now, attemptsLeft: 0 });
  }

  const affiliate = await findAffiliate(d.db, flow.id_type, flow.is_decoy ? '' : flow.identification);
  const answers = await securityAnswers(d.db, flow.id_type, affiliate ? flow.identification : '');
  const given = new Map(req.answers.map((a) => [a.questionId, a.answer]));
  let ok = !flow.is_decoy && affiliate !== undefined;
  ok = ok && affiliate!.birth_day === req.birthDay && affiliate!.birth_month === req.birthMonth;
  for (const q of challenge.questions) if (q.kind === 'choice') ok = given.get(q.id) === rightValue(q) && ok;
  // Every text question costs one argon2 verification, real or decoy, right or wrong; queued
  // together, so the answer waits for the queue once, not once per question.
  const text = challenge.questions.filter((q) => q.kind === 'text');
  const rights = await Promise.all(
    text.map((q) => d.hasher.verify(answers.get(q.id) ?? d.dummyHash, normalizeAnswer(given.get(q.id) ?? ''))),
  );
  ok = rights.every(Boolean) && ok;
  if (given.size !== challenge.questions.length) ok = false;

  if (!ok) {
    d.log.info(
      { event: 'verification_failed', subject: flow.subject_key.slice(0, 12), failures: reservation.failures },
      'verificación fallida',
    );
    if (reservation.lockedUntil) throw new ProblemError('locked', { lockedUntil: reservation.lockedUntil, attemptsLeft: 0 });
    throw new ProblemError('verification-failed', { attemptsLeft: Math.max(0, maxAttempts - reservation.failures) });
  }
  await releaseAttempt(d.db, flow.subject_key, reservation, maxAttempts);
  // No address on record: a new one online only within the takeover bound, else in person.
  const allowed = !affiliate!.email && newAddressOnline(challenge, await recentFailures(d.db, flow.subject_key, now));
  const inPersonOnly = !affiliate!.email && !allowed;
  const next = flow.flow_case === 'generar' && !inPersonOnly ? 'security-questions' : 'email';
  const moved =
    await sql`UPDATE flows SET step = ${next}, new_address_allowed = ${allowed} WHERE id = ${flow.id} AND step = 'verification' RETURNING id`.execute(
      d.db,
    );
  if (moved.rows.length === 0) throw new ProblemError('sequence');
  d.log.info({ event: 'verification_passed', subject: flow.subject_key.slice(0, 12), inPersonOnly }, 'verificación correcta');
  const email = affiliate!.email
    ? { onRecord: true, masked: maskEmail(affiliate!.email) }
    : inPersonOnly
      ? { onRecord: false, inPersonOnly: true }
      : { onRecord: false };
  return next === 'security-questions'
    ? {
        now: now.toISOString(),
        next,
        securityQuestions: {
          questions: d.questionBank.map((q) => ({ id: q.id, text: q.text })),
          min: d.config.limits.minSecurityQuestions,
        },
        email,
      }
    : { now: now.toISOString(), next, email };
}
