/**
 * Assembles a running server from configuration: database (+ migrations), mail (SMTP or the
 * built-in catcher) with its outbox worker, captcha, rate limiter, and the HTTP listener.
 * Tests pass overrides (clock, hasher, a ready database) and get the same wiring as production.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { ConfigError, type ServerConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { createApp } from './app.ts';
import { createAltchaVerifier } from './captcha/altcha.ts';
import type { CaptchaVerifier, ReplayStore } from './captcha/captcha.ts';
import { createRecaptchaVerifier } from './captcha/recaptcha.ts';
import { createArgon2Hasher, type Hasher } from './crypto/hasher.ts';
import { newToken } from './crypto/tokens.ts';
import { DataDirError, openDatabase, type Db, type OpenedDatabase } from './db/database.ts';
import { migrate } from './db/migrations.ts';
import { purgeExpired } from './db/retention.ts';
import { prepareStrengthEstimator } from './domain/password-policy.ts';
import { loadQuestionBank } from './domain/security-questions.ts';
import { createLogger, type Logger } from './log.ts';
import { OutboxWorker, type MailTransport } from './mail/outbox.ts';
import { startSmtpCatcher, type SmtpCatcher } from './mail/smtp-catcher.ts';
import { createSmtpTransport } from './mail/smtp-transport.ts';
import { systemClock, type Clock } from './ports.ts';
import { limiterWithDependency } from './http/dependency-errors.ts';
import { DependencyMonitor, type DependencyName } from './ops/dependency-monitor.ts';
import { ServerMetrics } from './ops/metrics.ts';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './ratelimit/rate-limiter.ts';
import { assertCanListen, databaseStartError, listenError, redisStartError } from './startup-errors.ts';

export interface ServerOverrides {
  clock?: Clock;
  hasher?: Hasher;
  database?: OpenedDatabase;
  logger?: Logger;
  captcha?: CaptchaVerifier;
  transport?: MailTransport;
  rateLimiter?: RateLimiter;
  /** Start the outbox worker's timer (tests drain by hand). Default true. */
  outboxTimer?: boolean;
  /** Key prefix of the Redis rate limiter (tests sharing one Redis keep apart). */
  redisKeyPrefix?: string;
  /** How long each dependency check is trusted (tests change it). */
  checkMaxAgeMs?: Partial<Record<DependencyName, number>>;
  /** Where the built widget is served from (default dist/widget). */
  widgetDir?: string;
}

export interface ShutdownReport {
  /** Time from the call to the last in-flight request finishing (or being cut). */
  drainedMs: number;
  /** Requests still running when the deadline passed, whose connections were cut. */
  cut: number;
}

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  database: OpenedDatabase;
  outbox: OutboxWorker;
  catcher: SmtpCatcher | undefined;
  metrics: ServerMetrics;
  monitor: DependencyMonitor;
  /**
   * Answers /ready with 503 at once and keeps serving for delayMs (SHUTDOWN_DELAY_SECONDS), so a
   * health-checking proxy stops sending; then stops accepting connections, lets in-flight requests
   * finish for up to timeoutMs (SHUTDOWN_TIMEOUT_SECONDS), cuts what is left, stops the outbox and
   * closes the rate limiter, the mail transport and the database pool.
   */
  close(options?: { timeoutMs?: number; delayMs?: number }): Promise<ShutdownReport>;
}

const repoRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

export function dbReplayStore(db: Db): ReplayStore {
  return {
    async markUsed(signature, expiresAt) {
      // Expired entries are removed by the retention purge (db/retention.ts), not on this hot path.
      const r =
        await sql`INSERT INTO captcha_used (signature, expires_at) VALUES (${signature}, ${expiresAt}) ON CONFLICT DO NOTHING RETURNING signature`.execute(
          db,
        );
      return r.rows.length === 1;
    },
  };
}

/** Dependency checks: database and Redis decide readiness; SMTP only degrades it (the outbox holds mail). */
const CHECK_TIMEOUT_MS: Record<DependencyName, number> = { database: 1000, redis: 1000, smtp: 3000 };
const CHECK_MAX_AGE_MS: Record<DependencyName, number> = { database: 2000, redis: 2000, smtp: 30_000 };

async function connectRedis(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    // Fail fast instead of queueing while Redis is away: the request answers 503 at once.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: true,
  });
  // The first connection error says why (ECONNREFUSED…); connect() itself only says "closed".
  let firstError: unknown;
  redis.on('error', (err) => (firstError ??= err));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw redisStartError(firstError ?? err, url);
  }
  return redis;
}

export async function startServer(config: ServerConfig, o: ServerOverrides = {}): Promise<RunningServer> {
  // What a failed start had already opened is closed again (newest first) before the error goes on.
  const opened: Array<() => unknown> = [];
  try {
    return await assemble(config, o, opened);
  } catch (err) {
    for (const undo of opened.reverse())
      await Promise.resolve()
        .then(undo)
        .catch(() => {});
    throw err;
  }
}

async function assemble(config: ServerConfig, o: ServerOverrides, opened: Array<() => unknown>): Promise<RunningServer> {
  const log = o.logger ?? createLogger(config.logLevel);
  const clock = o.clock ?? systemClock;
  await assertCanListen(config.host, config.port);
  // Redis first: a wrong REDIS_URL is reported before the slower database start.
  let redis: Redis | undefined;
  if (!o.rateLimiter && config.redisUrl) {
    const connected = await connectRedis(config.redisUrl);
    opened.push(() => connected.disconnect());
    redis = connected;
  }
  let database = o.database;
  try {
    database ??= await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      preparedStatements: config.databasePreparedStatements,
    });
    await migrate(database.db);
  } catch (err) {
    if (!o.database) await database?.close().catch(() => {});
    if (err instanceof DataDirError) throw new ConfigError([err.message]);
    throw config.databaseUrl ? databaseStartError(err, config.databaseUrl) : err;
  }
  const db = database.db;
  const ownDatabase = database;
  if (!o.database) opened.push(() => ownDatabase.close());
  const metrics = new ServerMetrics();

  let catcher: SmtpCatcher | undefined;
  let transport = o.transport;
  if (!transport) {
    let smtpUrl = config.smtpUrl;
    if (!smtpUrl) {
      const started = await startSmtpCatcher();
      opened.push(() => started.close());
      catcher = started;
      smtpUrl = catcher.url;
    }
    const created = createSmtpTransport(smtpUrl);
    opened.push(() => created.close());
    transport = created;
  }

  let baseLimiter = o.rateLimiter;
  let redisPing: (() => Promise<boolean>) | undefined;
  if (!baseLimiter) {
    if (redis) {
      const client = redis;
      baseLimiter = o.redisKeyPrefix ? createRedisRateLimiter(client, clock, o.redisKeyPrefix) : createRedisRateLimiter(client, clock);
      redisPing = async () => (await client.ping()) === 'PONG';
    } else baseLimiter = createMemoryRateLimiter(clock);
  }
  // The only store a limiter can fail on is Redis: its failures answer 503, never 500.
  const rateLimiter = limiterWithDependency(baseLimiter, 'redis', (bucket) => metrics.rateLimitRefusals.inc({ bucket }));

  const mailTransport = transport;
  const monitor = new DependencyMonitor(
    [
      { name: 'database' as const, run: database.ping },
      { name: 'smtp' as const, run: () => mailTransport.verify() },
      ...(redisPing ? [{ name: 'redis' as const, run: redisPing }] : []),
    ].map((c) => ({ ...c, timeoutMs: CHECK_TIMEOUT_MS[c.name], maxAgeMs: o.checkMaxAgeMs?.[c.name] ?? CHECK_MAX_AGE_MS[c.name] })),
  );

  const replay = dbReplayStore(db);
  const captcha =
    o.captcha ??
    (config.captcha.provider === 'recaptcha'
      ? createRecaptchaVerifier({
          siteKey: config.captcha.recaptchaSiteKey,
          secret: config.captcha.recaptchaSecret,
          verifyUrl: config.captcha.recaptchaVerifyUrl,
          hostnames: config.captcha.recaptchaHostnames,
          clock,
          replay,
        })
      : createAltchaVerifier({
          hmacKey: config.secret,
          maxNumber: config.captcha.altchaMaxNumber,
          lifetimeSeconds: config.captcha.altchaLifetimeSeconds,
          clock,
          replay,
        }));

  const rawHasher = o.hasher ?? createArgon2Hasher(config.argon2Concurrency);
  const hasher = metrics.timeHasher(rawHasher);
  const outbox = new OutboxWorker(db, transport, clock, config.mailFrom, log, config.outboxPollMs, {
    sent() {
      metrics.mailSent.inc();
      monitor.reportUp('smtp');
    },
    retry() {
      metrics.mailRetries.inc();
      monitor.reportDown('smtp');
    },
  });
  let draining = false;
  const deps: AppDeps = {
    config,
    db,
    clock,
    hasher,
    captcha,
    rateLimiter,
    log,
    questionBank: loadQuestionBank(config.securityQuestionsFile),
    dummyHash: await hasher.hash(newToken()),
    monitor,
    metrics,
    draining: () => draining,
    catcher,
    kickOutbox: () => void outbox.drain().catch(() => {}),
    widgetDir: o.widgetDir ?? `${repoRoot}dist/widget`,
    openapiFile: `${repoRoot}docs/openapi.json`,
  };
  metrics.attach({ db, clock, monitor, hasherStats: rawHasher.stats, poolStats: database.poolStats });
  await monitor.refreshAll();
  let purgeTimer: NodeJS.Timeout | undefined;
  if (o.outboxTimer !== false) {
    outbox.start();
    const purge = () =>
      void purgeExpired(db, clock.now(), config.limits.lockMinutes).catch(() => log.warn({ event: 'purge_failed' }, 'purga fallida'));
    purgeTimer = setInterval(purge, 10 * 60_000).unref();
    opened.push(() => (clearInterval(purgeTimer), outbox.stop()));
    purge();
  }

  prepareStrengthEstimator(config.policy);
  const app = createApp(deps);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Requests in flight, so a shutdown can wait for them (a request counts from its headers to the
  // end of its response, slow uploads included).
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, config.host, config.port)));
    server.listen(config.port, config.host, () => resolve());
  });
  server.on('error', (err) => log.error({ event: 'server_error', err: { message: err.message } }, 'error del servidor HTTP'));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  if (config.publicUrl.endsWith(':0')) {
    // PORT=0: the public URL and the default activation URL learn the real port now.
    const fixed = config.publicUrl.replace(/:0$/, `:${port}`);
    if (config.activationUrl === `${config.publicUrl}/activar`) config.activationUrl = `${fixed}/activar`;
    config.publicUrl = fixed;
  }
  let closing: Promise<ShutdownReport> | undefined;
  return {
    url,
    port,
    deps,
    database,
    outbox,
    catcher,
    metrics,
    monitor,
    close(options = {}) {
      closing ??= (async () => {
        const timeoutMs = options.timeoutMs ?? config.shutdownTimeoutSeconds * 1000;
        const delayMs = options.delayMs ?? config.shutdownDelaySeconds * 1000;
        draining = true;
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        const started = performance.now();
        // Stop accepting; idle keep-alive connections close now, busy ones after their response
        // (which says `Connection: close`, see app.ts).
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([new Promise<void>((r) => (idle = r)), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
          clearTimeout(timer);
        }
        const cut = inFlight;
        const drainedMs = Math.round(performance.now() - started);
        server.closeAllConnections();
        await closed;
        clearInterval(purgeTimer);
        await outbox.stop();
        await rateLimiter.close();
        mailTransport.close();
        await catcher?.close();
        if (!o.database) await database.close();
        log.info({ event: 'shutdown', drainedMs, cut }, 'servidor detenido');
        return { drainedMs, cut };
      })();
      return closing;
    },
  };
}
