/**
 * generar only (protocol step 3): at least `min` distinct questions from the bank; answers are
 * normalised and hashed with argon2id, kept with the flow, and become the person's only when the
 * activation completes (SS-10, SS-20).
 */
import { sql } from 'kysely';
import type { FieldErrorCode, SecurityQuestionsRequest, SecurityQuestionsResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { answerProblem } from '../../widget/domain/answers.ts';
import { maskEmail } from '../../widget/domain/mask.ts';
import { nameWords, normalizeAnswer } from '../domain/normalize.ts';
import { ProblemError } from '../http/problem.ts';
import type { FlowRow } from './flow-auth.ts';
import { ensureHashingCapacity } from './rate-limits.ts';
import { findAffiliate } from './registry.ts';

/**
 * The answers' field errors (undefined when there are none) and their normalised forms: known
 * questions, each once, at least `min`, every answer acceptable (the shared answerProblem) and
 * different from the others after normalisation.
 */
export function answerErrors(
  answers: SecurityQuestionsRequest['answers'],
  bank: readonly { id: string }[],
  min: number,
  context: readonly string[],
): { errors: Record<string, FieldErrorCode[]> | undefined; normalized: string[] } {
  const errors: Record<string, FieldErrorCode[]> = {};
  const add = (k: string, code: FieldErrorCode) => void ((errors[k] ??= []).includes(code) || errors[k].push(code));
  const seenQuestions = new Set<string>();
  const seenAnswers = new Set<string>();
  const normalized = answers.map((a, i) => {
    if (!bank.some((q) => q.id === a.questionId)) add(`answers.${i}.questionId`, 'unknown-question');
    if (seenQuestions.has(a.questionId)) add('answers', 'duplicate');
    seenQuestions.add(a.questionId);
    const n = normalizeAnswer(a.answer);
    const problem = answerProblem(a.answer, context);
    if (problem) add(`answers.${i}.answer`, problem);
    if (seenAnswers.has(n)) add(`answers.${i}.answer`, 'duplicate');
    seenAnswers.add(n);
    return n;
  });
  if (seenQuestions.size < min) add('answers', 'not-enough');
  return { errors: Object.keys(errors).length ? errors : undefined, normalized };
}

export async function setSecurityQuestions(d: AppDeps, flow: FlowRow, req: SecurityQuestionsRequest): Promise<SecurityQuestionsResponse> {
  if (flow.step !== 'security-questions' || flow.is_decoy) throw new ProblemError('sequence');
  const affiliate = await findAffiliate(d.db, flow.id_type, flow.identification);
  if (!affiliate) throw new ProblemError('sequence');
  const context = [
    affiliate.identification.toLowerCase(),
    ...nameWords(affiliate.given_names, affiliate.surnames),
    ...(affiliate.email ? [normalizeAnswer(affiliate.email.split('@')[0]!)] : []),
  ];
  const { errors, normalized } = answerErrors(req.answers, d.questionBank, d.config.limits.minSecurityQuestions, context);
  if (errors) throw new ProblemError('validation', { fieldErrors: errors });

  ensureHashingCapacity(d, 'passed');
  // Hashed together; the hasher's semaphore bounds how many run at once.
  const hashed = await Promise.all(
    req.answers.map(async (a, i) => ({ questionId: a.questionId, hash: await d.hasher.hash(normalized[i]!) })),
  );
  const moved = await sql`UPDATE flows SET step = 'email', pending_answers = ${JSON.stringify(hashed)}::jsonb
    WHERE id = ${flow.id} AND step = 'security-questions' RETURNING id`.execute(d.db);
  if (moved.rows.length === 0) throw new ProblemError('sequence');
  const email = affiliate.email ? { onRecord: true, masked: maskEmail(affiliate.email) } : { onRecord: false };
  return { now: d.clock.now().toISOString(), next: 'email', email };
}
