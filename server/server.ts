/**
 * Assembles a running server from configuration: database (+ migrations), mail (SMTP or the
 * built-in catcher) with its outbox worker, captcha, rate limiter, and the HTTP listener.
 * Tests pass overrides (clock, hasher, a ready database) and get the same wiring as production.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import type { ServerConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { createApp } from './app.ts';
import { createAltchaVerifier } from './captcha/altcha.ts';
import type { CaptchaVerifier, ReplayStore } from './captcha/captcha.ts';
import { createRecaptchaVerifier } from './captcha/recaptcha.ts';
import { createArgon2Hasher, type Hasher } from './crypto/hasher.ts';
import { newToken } from './crypto/tokens.ts';
import { openDatabase, type Db, type OpenedDatabase } from './db/database.ts';
import { migrate } from './db/migrations.ts';
import { purgeExpired } from './db/retention.ts';
import { loadQuestionBank } from './domain/security-questions.ts';
import { createLogger, type Logger } from './log.ts';
import { OutboxWorker, type MailTransport } from './mail/outbox.ts';
import { startSmtpCatcher, type SmtpCatcher } from './mail/smtp-catcher.ts';
import { createSmtpTransport } from './mail/smtp-transport.ts';
import { systemClock, type Clock } from './ports.ts';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './ratelimit/rate-limiter.ts';

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
}

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  database: OpenedDatabase;
  outbox: OutboxWorker;
  catcher: SmtpCatcher | undefined;
  close(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

export function dbReplayStore(db: Db): ReplayStore {
  return {
    async markUsed(signature, expiresAt) {
      // Expired entries are removed by the retention purge (db/retention.ts), not on this hot path.
      const r = await sql`INSERT INTO captcha_used (signature, expires_at) VALUES (${signature}, ${expiresAt}) ON CONFLICT DO NOTHING RETURNING signature`.execute(db);
      return r.rows.length === 1;
    },
  };
}

export async function startServer(config: ServerConfig, o: ServerOverrides = {}): Promise<RunningServer> {
  const log = o.logger ?? createLogger(config.logLevel);
  const clock = o.clock ?? systemClock;
  const database = o.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrate(database.db);
  const db = database.db;

  let catcher: SmtpCatcher | undefined;
  let transport = o.transport;
  if (!transport) {
    let smtpUrl = config.smtpUrl;
    if (!smtpUrl) {
      catcher = await startSmtpCatcher();
      smtpUrl = catcher.url;
    }
    transport = createSmtpTransport(smtpUrl);
  }

  let rateLimiter = o.rateLimiter;
  let redisPing: (() => Promise<boolean>) | undefined;
  if (!rateLimiter) {
    if (config.redisUrl) {
      const { Redis } = await import('ioredis');
      const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
      redis.on('error', () => {});
      rateLimiter = createRedisRateLimiter(redis, clock);
      redisPing = async () => {
        try {
          return (await redis.ping()) === 'PONG';
        } catch {
          return false;
        }
      };
    } else rateLimiter = createMemoryRateLimiter(clock);
  }

  const replay = dbReplayStore(db);
  const captcha =
    o.captcha ??
    (config.captcha.provider === 'recaptcha'
      ? createRecaptchaVerifier({ siteKey: config.captcha.recaptchaSiteKey, secret: config.captcha.recaptchaSecret, verifyUrl: config.captcha.recaptchaVerifyUrl, hostnames: config.captcha.recaptchaHostnames, clock, replay })
      : createAltchaVerifier({ hmacKey: config.secret, maxNumber: config.captcha.altchaMaxNumber, lifetimeSeconds: config.captcha.altchaLifetimeSeconds, clock, replay }));

  const hasher = o.hasher ?? createArgon2Hasher(config.argon2Concurrency);
  const outbox = new OutboxWorker(db, transport, clock, config.mailFrom, log, config.outboxPollMs);
  const mailTransport = transport;
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
    checks: { database: database.ping, smtp: () => mailTransport.verify(), ...(redisPing ? { redis: redisPing } : {}) },
    catcher,
    kickOutbox: () => void outbox.drain().catch(() => {}),
    widgetDir: `${repoRoot}dist/widget`,
    openapiFile: `${repoRoot}docs/openapi.json`,
  };
  let purgeTimer: NodeJS.Timeout | undefined;
  if (o.outboxTimer !== false) {
    outbox.start();
    const purge = () => void purgeExpired(db, clock.now(), config.limits.lockMinutes).catch(() => log.warn({ event: 'purge_failed' }, 'purga fallida'));
    purgeTimer = setInterval(purge, 10 * 60_000).unref();
    purge();
  }

  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  if (config.publicUrl.endsWith(':0')) {
    // PORT=0: the public URL and the default activation URL learn the real port now.
    const fixed = config.publicUrl.replace(/:0$/, `:${port}`);
    if (config.activationUrl === `${config.publicUrl}/activar`) config.activationUrl = `${fixed}/activar`;
    config.publicUrl = fixed;
  }
  return {
    url,
    port,
    deps,
    database,
    outbox,
    catcher,
    async close() {
      clearInterval(purgeTimer);
      await outbox.stop();
      const closed = new Promise<void>((r) => server.close(() => r()));
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
      await rateLimiter!.close();
      mailTransport.close();
      await catcher?.close();
      if (!o.database) await database.close();
    },
  };
}
