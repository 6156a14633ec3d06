/**
 * Reference sign-in (protocol step 8): the same answer and the same single argon2 verification for
 * an unknown identification, one without a password, and a wrong password. Never locked by the
 * recovery counter (SS-06).
 */
import { sql } from 'kysely';
import type { SignInRequest, SignInResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { newToken, sha256Hex } from '../crypto/tokens.ts';
import { isWellFormedPassword, normalizePassword } from '../../widget/domain/password.ts';
import { ProblemError } from '../http/problem.ts';
import { enforceRateLimits, perClient } from './rate-limits.ts';
import { findAffiliate } from './registry.ts';
import { checkedIdentification, subjectKeyOf } from './start-flow.ts';

export async function signIn(d: AppDeps, req: SignInRequest, ip: string): Promise<SignInResponse> {
  const id = checkedIdentification(req.idType, req.id);
  await enforceRateLimits(d, [
    perClient(d, 'signin-ip', ip),
    { bucket: 'signin-id', key: subjectKeyOf(d.config.secret, req.idType, id), limit: d.config.rateLimits.perIdentificationPerHour, windowSeconds: 3600 },
  ]);
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
