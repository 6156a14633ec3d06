/**
 * Prometheus metrics (text exposition format 0.0.4, prom-client) on `GET /metrics`: requests by
 * route and status, latency histograms, the argon2id queue, the mail outbox (backlog, sends,
 * retries), recovery locks in force, rate-limit refusals by bucket, dependency state, the
 * PostgreSQL pool, and Node's process metrics. One registry per server (tests run several).
 * Labels carry route patterns and bucket names only: never an identification, address or token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Hasher } from '../crypto/hasher.ts';
import type { Db } from '../db/database.ts';
import type { Env } from '../http/middleware.ts';
import type { Clock } from '../ports.ts';
import type { DependencyMonitor } from './dependency-monitor.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Seconds; from a cached GET (~1 ms) to a request that waits for argon2id under load (seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface MetricsSources {
  db: Db;
  clock: Clock;
  monitor: DependencyMonitor;
  hasherStats?: (() => { inFlight: number; waiting: number }) | undefined;
  poolStats?: (() => PoolStats) | undefined;
}

/** A scrape must not hang on a slow database: its queries give up after this. */
const SCRAPE_QUERY_TIMEOUT_MS = 1000;

export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'iess_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'iess_http_request_duration_seconds',
    help: 'Time from request to response headers, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly rateLimitRefusals = new Counter({
    name: 'iess_rate_limit_refusals_total',
    help: 'Rate-limit refusals, by the bucket that refused (the narrowest; a refused request counts in no wider bucket)',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });
  readonly argon2 = new Histogram({
    name: 'iess_argon2_duration_seconds',
    help: 'argon2id operations, queue wait included, by operation',
    labelNames: ['op'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly mailSent = new Counter({
    name: 'iess_outbox_sent_total',
    help: 'Mails handed to SMTP by the outbox worker',
    registers: [this.registry],
  });
  readonly mailRetries = new Counter({
    name: 'iess_outbox_retries_total',
    help: 'Failed sends rescheduled with back-off',
    registers: [this.registry],
  });
  readonly argon2Refusals = new Counter({
    name: 'iess_argon2_queue_refusals_total',
    help: 'Requests that would hash, refused 503 because ARGON2_MAX_WAITING operations already waited',
    registers: [this.registry],
  });
  readonly dependencyDown = new Counter({
    name: 'iess_dependency_down_responses_total',
    help: 'Requests answered 503 because a dependency was down',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'iess_' });
  }

  /** Gauges read at scrape time from the running parts. */
  attach(s: MetricsSources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'iess_dependency_up',
      help: 'Last known state of each dependency (1 up, 0 down), as /ready reports it',
      labelNames: ['dependency'] as const,
      registers,
      collect() {
        for (const [name, up] of Object.entries(s.monitor.snapshot())) this.set({ dependency: name }, up ? 1 : 0);
      },
    });
    if (s.hasherStats) {
      const stats = s.hasherStats;
      new Gauge({
        name: 'iess_argon2_in_flight',
        help: 'argon2id operations running now (bounded by ARGON2_CONCURRENCY)',
        registers,
        collect() {
          this.set(stats().inFlight);
        },
      });
      new Gauge({
        name: 'iess_argon2_queue_length',
        help: 'argon2id operations waiting for a slot',
        registers,
        collect() {
          this.set(stats().waiting);
        },
      });
    }
    if (s.poolStats) {
      const stats = s.poolStats;
      new Gauge({
        name: 'iess_db_pool_connections',
        help: 'PostgreSQL pool: open connections (total), idle ones, and queries waiting for one',
        labelNames: ['state'] as const,
        registers,
        collect() {
          const p = stats();
          this.set({ state: 'total' }, p.total);
          this.set({ state: 'idle' }, p.idle);
          this.set({ state: 'waiting' }, p.waiting);
        },
      });
    }
    // Database figures: one query per scrape, shared by the gauges below and bounded in time; when
    // it fails they keep their last value and iess_metrics_database_read_ok says so.
    let figures = { pending: 0, oldestSeconds: 0, locked: 0 };
    let reading: Promise<boolean> | undefined;
    const readDb = async () => {
      const now = s.clock.now();
      const { rows } = await sql<{ pending: number; oldest: Date | null; locked: number }>`
        SELECT (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS pending,
               (SELECT min(created_at) FROM outbox WHERE sent_at IS NULL) AS oldest,
               (SELECT count(*)::int FROM attempt_counters WHERE locked_until > ${now}) AS locked`.execute(s.db);
      const r = rows[0]!;
      figures = {
        pending: r.pending,
        oldestSeconds: r.oldest ? Math.max(0, (now.getTime() - new Date(r.oldest).getTime()) / 1000) : 0,
        locked: r.locked,
      };
    };
    const read = () =>
      (reading ??= Promise.race([
        readDb().then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), SCRAPE_QUERY_TIMEOUT_MS).unref()),
      ])
        .catch(() => false)
        .finally(() => (reading = undefined)));
    new Gauge({
      name: 'iess_outbox_backlog',
      help: 'Mails not sent yet (due or waiting for their back-off)',
      registers,
      async collect() {
        await read();
        this.set(figures.pending);
      },
    });
    new Gauge({
      name: 'iess_outbox_oldest_pending_seconds',
      help: 'Age of the oldest unsent mail (0 when none)',
      registers,
      async collect() {
        await read();
        this.set(figures.oldestSeconds);
      },
    });
    new Gauge({
      name: 'iess_recovery_locks_active',
      help: 'Identifications whose recovery is locked now (attempts exhausted)',
      registers,
      async collect() {
        await read();
        this.set(figures.locked);
      },
    });
    new Gauge({
      name: 'iess_metrics_database_read_ok',
      help: '1 when this scrape read the outbox and lock figures from the database, 0 when it could not',
      registers,
      async collect() {
        this.set((await read()) ? 1 : 0);
      },
    });
  }

  /** Counts and times every request by its route pattern (never the URL: no personal data in labels). */
  middleware(): MiddlewareHandler<Env> {
    return async (c, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
        // The route the request matched (middlewares are registered for ALL methods), else `unmatched`.
        const route =
          matchedRoutes(c)
            .filter((r) => r.method !== 'ALL')
            .at(-1)?.path ?? 'unmatched';
        this.requests.inc({ method, route, status: String(c.res.status) });
        this.latency.observe({ method, route }, (performance.now() - started) / 1000);
      }
    };
  }

  /** An instrumented hasher: each operation's time, queue wait included. */
  timeHasher(h: Hasher): Hasher {
    const timed = <T>(op: string, job: () => Promise<T>) => {
      const end = this.argon2.startTimer({ op });
      return job().finally(() => end());
    };
    return {
      ...h,
      hash: (plain) => timed('hash', () => h.hash(plain)),
      verify: (phc, plain) => timed('verify', () => h.verify(phc, plain)),
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
export function metricsAuthorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
