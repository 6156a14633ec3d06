/**
 * CONTINUAR on verification (protocol step 2). Every well-formed, evaluated, wrong submission is one
 * failure for the identification across flows (SS-06); decoys never pass and lock the same way.
 * The number of argon2 verifications depends only on the case, never on whether the subject is
 * real (SS-04): every text answer is verified against a stored hash or the dummy hash.
 */
import { sql } from 'kysely';
import type { VerifyRequest, VerifyResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { maskEmail } from '../../widget/domain/mask.ts';
import { normalizeAnswer } from '../domain/normalize.ts';
import { ProblemError } from '../http/problem.ts';
import type { FlowRow } from './flow-auth.ts';
import { readCounter, registerFailure, resetFailures } from './registry.ts';
import { loadSubject } from './start-flow.ts';

export async function verify(d: AppDeps, flow: FlowRow, req: VerifyRequest): Promise<VerifyResponse> {
  if (flow.step !== 'verification') throw new ProblemError('sequence');
  const now = d.clock.now();
  const { maxAttempts, lockMinutes } = d.config.limits;
  const before = await readCounter(d.db, flow.subject_key, now);
  if (before.lockedUntil) throw new ProblemError('locked', { lockedUntil: before.lockedUntil, attemptsLeft: 0 });

  const { affiliate, answers, challenge } = await loadSubject(d, flow.id_type, flow.is_decoy ? '' : flow.identification, flow.subject_key);
  const given = new Map(req.answers.map((a) => [a.questionId, a.answer]));
  let ok = !flow.is_decoy && affiliate !== undefined;
  ok = ok && affiliate!.birth_day === req.birthDay && affiliate!.birth_month === req.birthMonth;
  for (const [questionId, value] of challenge.expectedChoices) ok = given.get(questionId) === value && ok;
  // Every text question costs one argon2 verification, real or decoy, right or wrong.
  for (const questionId of challenge.textQuestionIds) {
    const phc = answers.get(questionId) ?? d.dummyHash;
    const right = await d.hasher.verify(phc, normalizeAnswer(given.get(questionId) ?? ''));
    ok = right && ok;
  }
  if (given.size !== challenge.questions.length) ok = false;

  if (!ok) {
    const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
    const after = await registerFailure(d.db, flow.subject_key, now, maxAttempts, lockUntil);
    d.log.info({ event: 'verification_failed', subject: flow.subject_key.slice(0, 12), failures: after?.failures }, 'verificación fallida');
    if (!after) {
      const current = await readCounter(d.db, flow.subject_key, now);
      throw new ProblemError('locked', { lockedUntil: current.lockedUntil ?? lockUntil, attemptsLeft: 0 });
    }
    if (after.lockedUntil) throw new ProblemError('locked', { lockedUntil: after.lockedUntil, attemptsLeft: 0 });
    throw new ProblemError('verification-failed', { attemptsLeft: Math.max(0, maxAttempts - after.failures) });
  }
  if (!(await resetFailures(d.db, flow.subject_key, now))) {
    const current = await readCounter(d.db, flow.subject_key, now);
    throw new ProblemError('locked', { lockedUntil: current.lockedUntil!, attemptsLeft: 0 });
  }
  const next = flow.flow_case === 'generar' ? 'security-questions' : 'email';
  const moved = await sql`UPDATE flows SET step = ${next} WHERE id = ${flow.id} AND step = 'verification' RETURNING id`.execute(d.db);
  if (moved.rows.length === 0) throw new ProblemError('sequence');
  d.log.info({ event: 'verification_passed', subject: flow.subject_key.slice(0, 12) }, 'verificación correcta');
  const email = affiliate!.email ? { onRecord: true, masked: maskEmail(affiliate!.email) } : { onRecord: false };
  return next === 'security-questions'
    ? { now: now.toISOString(), next, securityQuestions: { questions: d.questionBank.map((q) => ({ id: q.id, text: q.text })), min: d.config.limits.minSecurityQuestions }, email }
    : { now: now.toISOString(), next, email };
}
