/** Applies several independent buckets (SS-05); refuses with the longest wait among them. */
import type { AppDeps } from '../deps.ts';
import { ProblemError } from '../http/problem.ts';

export interface Bucket {
  bucket: string;
  key: string;
  limit: number;
  windowSeconds: number;
}

export async function enforceRateLimits(d: AppDeps, buckets: Bucket[]): Promise<void> {
  const all = [...buckets, { bucket: 'global', key: 'all', limit: d.config.rateLimits.globalPerMinute, windowSeconds: 60 }];
  let retryAfter = 0;
  for (const b of all) {
    const r = await d.rateLimiter.hit(b.bucket, b.key, b.limit, b.windowSeconds);
    if (!r.ok) retryAfter = Math.max(retryAfter, r.retryAfter);
  }
  if (retryAfter > 0) {
    d.log.warn({ event: 'excess_rate_limit_exceeded', buckets: all.map((b) => b.bucket) }, 'límite de solicitudes');
    throw new ProblemError('rate-limited', { retryAfter });
  }
}
