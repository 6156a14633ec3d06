/**
 * Reference sign-in (protocol step 8): the same answer and the same single argon2 verification for
 * an unknown identification, one without a password, and a wrong password. Never locked, neither by
 * the recovery counter (SS-06) nor by a stranger's attempts: the route limits each client per
 * identification (a stranger cannot spend the owner's allowance), and an identification tried
 * from many places asks every client for a proof of work instead of refusing (issue 9, finding 5).
 */
import { sql } from 'kysely';
import type { SignInRequest, SignInResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { newToken, sha256Hex } from '../crypto/tokens.ts';
import { isWellFormedPassword, normalizePassword } from '../../widget/domain/password.ts';
import { ProblemError } from '../http/problem.ts';
import { ensureHashingCapacity } from './rate-limits.ts';
import { findAffiliate } from './registry.ts';
import { checkedIdentification, subjectKeyOf } from './start-flow.ts';

/**
 * Counts the sign-in for its identification (every client together); past
 * `signInCaptchaAfterPerHour` in the hour, it goes on only with a valid proof of work. The same
 * for known and unknown identifications.
 */
async function proofWhenUnderAttack(d: AppDeps, subjectKey: string, captcha: string | undefined, ip: string): Promise<void> {
  const { ok } = await d.rateLimiter.hit('signin-id', subjectKey, d.config.rateLimits.signInCaptchaAfterPerHour, 3600);
  if (ok) return;
  if (captcha === undefined) throw new ProblemError('captcha-required');
  if (!(await d.captcha.verify(captcha, ip))) {
    d.log.info({ event: 'captcha_failed' }, 'captcha rechazado');
    throw new ProblemError('captcha-failed');
  }
}

export async function signIn(d: AppDeps, req: SignInRequest, ip: string): Promise<SignInResponse> {
  const id = checkedIdentification(req.idType, req.id);
  ensureHashingCapacity(d, 'anyone'); // before the counter of sign-ins for this identification
  await proofWhenUnderAttack(d, subjectKeyOf(d.config.secret, req.idType, id), req.captcha, ip);
  const affiliate = await findAffiliate(d.db, req.idType, id);
  const ok = await d.hasher.verify(affiliate?.password_hash ?? d.dummyHash, normalizePassword(req.password));
  // A lone surrogate reaches the hash as U+FFFD: "…\uD800" must not open an account whose password ends in "…\uFFFD".
  if (!ok || !affiliate?.password_hash || !isWellFormedPassword(req.password)) throw new ProblemError('invalid-credentials');
  const now = d.clock.now();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + d.config.limits.sessionLifetimeSeconds * 1000);
  await sql`INSERT INTO sessions (token_hash, id_type, identification, created_at, expires_at)
    VALUES (${sha256Hex(token)}, ${req.idType}, ${id}, ${now}, ${expiresAt})`.execute(d.db);
  return { now: now.toISOString(), sessionToken: token, expiresAt: expiresAt.toISOString() };
}
