/**
 * Layered rate limits (SS-05). A request's buckets are checked narrowest first and the first
 * refusal stops it: a request one client's own bucket refuses never counts in a wider one, so
 * one client cannot spend everyone's global allowance (issue 9, finding 4). Per-IP buckets key a
 * client by `clientKey` (an IPv6 /64 counts as one client).
 */
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem.ts';
import { clientKey } from '../ratelimit/client-key.ts';

export interface Bucket {
  bucket: string;
  key: string;
  limit: number;
  windowSeconds: number;
}

/** One client's requests to one route group, per minute. */
export const perClient = (d: AppDeps, bucket: string, ip: string): Bucket => ({
  bucket,
  key: clientKey(ip),
  limit: d.config.rateLimits.perIpPerMinute,
  windowSeconds: 60,
});

/**
 * One client's requests about one identification, per hour: what a stranger can do to a person
 * from one place, without ever refusing the person elsewhere (issue 9, finding 5).
 */
export const perClientAndSubject = (d: AppDeps, bucket: string, ip: string, subjectKey: string): Bucket => ({
  bucket,
  key: `${clientKey(ip)}|${subjectKey}`,
  limit: d.config.rateLimits.perIdentificationPerHour,
  windowSeconds: 3600,
});

/** Every limited request together, checked last. */
const globalBucket = (d: AppDeps): Bucket => ({
  bucket: 'global',
  key: 'all',
  limit: d.config.rateLimits.globalPerMinute,
  windowSeconds: 60,
});

/** Hits the buckets in the order given, then the global one; throws `rate-limited` at the first refusal. */
export async function enforceRateLimits(d: AppDeps, buckets: Bucket[]): Promise<void> {
  for (const b of [...buckets, globalBucket(d)]) {
    const r = await d.rateLimiter.hit(b.bucket, b.key, b.limit, b.windowSeconds);
    if (!r.ok) {
      d.log.warn({ event: 'excess_rate_limit_exceeded', bucket: b.bucket }, 'límite de solicitudes');
      throw new ProblemError('rate-limited', { retryAfter: r.retryAfter });
    }
  }
}

/** Seconds a request refused for a full argon2id queue is told to wait: a queue of ARGON2_MAX_WAITING drains in a few seconds. */
const HASHING_RETRY_AFTER_SECONDS = 5;

/**
 * Who sends a request that hashes: `anyone` (a verification, a sign-in: what a stranger can send
 * in bulk), or a person who has `passed` the verification (the security answers, the new password).
 */
export type HashingCaller = 'anyone' | 'passed';

/**
 * Refuses a request that would hash (argon2id) while ARGON2_MAX_WAITING operations already wait for
 * a slot (twice as many for a person who has passed the verification: a flood of guesses, refused
 * at the bound, leaves them room to finish): 503 `unavailable` with Retry-After, before it
 * takes an attempt, moves a step or uses a link, so the person loses nothing and sends it again.
 * The queue is everyone's, so the refusal says nothing of who is asking (SS-04); without it, a
 * flood of wrong recuperar answers (two verifications each) queues every person past the widget's
 * 15 s deadline. Checked as the request arrives: requests already past the check still add their
 * operations, so the queue stays near the bound, not exactly at it.
 */
export function ensureHashingCapacity(d: AppDeps, caller: HashingCaller): void {
  const { waiting } = d.hasher.stats();
  if (waiting < d.config.argon2MaxWaiting * (caller === 'passed' ? 2 : 1)) return;
  d.metrics.argon2Refusals.inc();
  d.log.warn({ event: 'argon2_queue_full', waiting }, 'cola de argon2id llena');
  throw new ProblemError('unavailable', { retryAfter: HASHING_RETRY_AFTER_SECONDS });
}
