/**
 * A test server with chosen rate limits on the memory limiter or, when TEST_REDIS_URL is set, on
 * Redis (a key prefix of its own), for the rate-limit tests to run on both.
 */
import { Redis } from 'ioredis';
import { testConfig } from '../../../server/config.ts';
import { FakeClock } from '../../../server/ports.ts';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from '../../../server/ratelimit/rate-limiter.ts';
import { startTestServer, type TestServer } from './harness.ts';

const redisUrl = process.env.TEST_REDIS_URL;

/** The limiters a rate-limit test runs on: memory always, Redis when TEST_REDIS_URL is set. */
export const LIMITER_KINDS = ['memory', ...(redisUrl ? ['redis'] : [])] as const;

export async function limitedServer(
  kind: string,
  limits: Partial<TestServer['config']['rateLimits']>,
  trustProxyHops = 0,
): Promise<TestServer> {
  const clock = new FakeClock();
  let limiter: RateLimiter;
  if (kind === 'redis') {
    const redis = new Redis(redisUrl!);
    limiter = createRedisRateLimiter(redis, clock, `iess-clave-test:${process.pid}:${Math.random()}:`);
  } else limiter = createMemoryRateLimiter(clock);
  const base = testConfig().rateLimits;
  return startTestServer({ config: { rateLimits: { ...base, ...limits }, trustProxyHops }, overrides: { clock, rateLimiter: limiter } });
}

/** Headers that make a request come from `ip` behind one trusted proxy (trustProxyHops = 1). */
export const from = (ip: string): Record<string, string> => ({ 'x-forwarded-for': ip });
