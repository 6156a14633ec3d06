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

export function createMemoryRateLimiter(clock: Clock): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(bucket, key, limit, windowSeconds) {
      const now = clock.now().getTime();
      const start = now - (now % (windowSeconds * 1000));
      const k = `${bucket}:${key}`;
      let w = windows.get(k);
      if (!w || w.start !== start) {
        w = { start, count: 0 };
        windows.set(k, w);
        if (windows.size > 100_000) for (const [old, v] of windows) if (v.start < start) windows.delete(old);
      }
      w.count++;
      return { ok: w.count <= limit, retryAfter: Math.max(1, Math.ceil((start + windowSeconds * 1000 - now) / 1000)) };
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
      const res = await redis.multi().incr(k).pexpire(k, windowSeconds * 1000 + 1000).exec();
      const count = Number(res?.[0]?.[1] ?? Number.POSITIVE_INFINITY);
      return { ok: count <= limit, retryAfter: Math.max(1, Math.ceil((start + windowSeconds * 1000 - now) / 1000)) };
    },
    async close() {
      redis.disconnect();
    },
  };
}
