/**
 * Fixed-window rate limits (SS-05) with independent buckets (per IP, per identification, per
 * destination address, global). Redis when REDIS_URL is set (shared by every replica), memory
 * otherwise.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../ports.ts';

export interface RateDecision {
  ok: boolean;
  /** Seconds until the window resets (when refused). */
  retryAfter: number;
}

export interface RateLimiter {
  hit(bucket: string, key: string, limit: number, windowSeconds: number): Promise<RateDecision>;
  close(): Promise<void>;
}

/**
 * Windows live in a map; when it grows past `sweepAbove` entries, the windows that have ended are
 * dropped. A live window is never dropped (forgetting one would reopen a client's or an
 * identification's allowance), so the map may stay larger under load; the next sweep waits until
 * it has doubled, which keeps sweeping linear in the number of hits.
 */
export function createMemoryRateLimiter(clock: Clock, options: { sweepAbove?: number } = {}): RateLimiter {
  const windows = new Map<string, { start: number; end: number; count: number }>();
  const floor = options.sweepAbove ?? 100_000;
  let sweepAt = floor;
  return {
    async hit(bucket, key, limit, windowSeconds) {
      const now = clock.now().getTime();
      const start = now - (now % (windowSeconds * 1000));
      const end = start + windowSeconds * 1000;
      const k = `${bucket}:${key}`;
      let w = windows.get(k);
      if (!w || w.start !== start) {
        w = { start, end, count: 0 };
        windows.set(k, w);
        if (windows.size > sweepAt) {
          for (const [old, v] of windows) if (v.end <= now) windows.delete(old);
          sweepAt = Math.max(floor, windows.size * 2);
        }
      }
      w.count++;
      return { ok: w.count <= limit, retryAfter: Math.max(1, Math.ceil((end - now) / 1000)) };
    },
    async close() {},
  };
}

export function createRedisRateLimiter(redis: Redis, clock: Clock, prefix = 'iess-clave:rl:'): RateLimiter {
  return {
    async hit(bucket, key, limit, windowSeconds) {
      const now = clock.now().getTime();
      const start = now - (now % (windowSeconds * 1000));
      const k = `${prefix}${bucket}:${key}:${start}`;
      const res = await redis
        .multi()
        .incr(k)
        .pexpire(k, windowSeconds * 1000 + 1000)
        .exec();
      const count = Number(res?.[0]?.[1] ?? Number.POSITIVE_INFINITY);
      return { ok: count <= limit, retryAfter: Math.max(1, Math.ceil((start + windowSeconds * 1000 - now) / 1000)) };
    },
    async close() {
      redis.disconnect();
    },
  };
}
