/**
 * Which failures mean "a dependency is down" (answered 503 `unavailable` with Retry-After, never
 * 500): the database's connection errors, and any failure of the Redis rate-limit store (its
 * adapter throws DependencyDownError through limiterWithDependency below).
 */
import type { DependencyName } from '../ops/dependency-monitor.ts';
import type { RateLimiter } from '../ratelimit/rate-limiter.ts';

export class DependencyDownError extends Error {
  constructor(
    readonly dependency: DependencyName,
    cause: unknown,
  ) {
    super(`${dependency} no disponible: ${String((cause as Error)?.message ?? cause).slice(0, 200)}`, { cause });
    this.name = 'DependencyDownError';
  }
}

/** The dependency an error says is down, or undefined for any other error. */
export function downDependency(err: unknown): DependencyName | undefined {
  if (err instanceof DependencyDownError) return err.dependency;
  const code = (err as { code?: string })?.code ?? '';
  const msg = String((err as Error)?.message ?? '');
  // pg: refused, cut or timed out connections, admin shutdown (57P01), starting up (57P03), class 08;
  // PGlite closed; kysely after destroy.
  if (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|57P01|57P03|08\d{3})$/.test(code) ||
    /Connection terminated|connection timeout|timeout exceeded|base de datos está cerrada|Client has encountered a connection error|driver has already been destroyed|PGlite is closed|the database system is/i.test(
      msg,
    )
  ) {
    return 'database';
  }
  return undefined;
}

/**
 * The rate limiter as the routes see it: a failure of its store (Redis unreachable, cut, too
 * slow) becomes DependencyDownError, and refusals are reported per bucket (metrics).
 */
export function limiterWithDependency(
  limiter: RateLimiter,
  dependency: DependencyName | undefined,
  onRefused: (bucket: string) => void,
): RateLimiter {
  return {
    ...limiter, // whatever else the limiter offers passes through unchanged
    async hit(bucket, key, limit, windowSeconds) {
      let decision;
      try {
        decision = await limiter.hit(bucket, key, limit, windowSeconds);
      } catch (err) {
        throw dependency ? new DependencyDownError(dependency, err) : err;
      }
      if (!decision.ok) onRefused(bucket);
      return decision;
    },
  };
}
