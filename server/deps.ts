/** Everything the routes and use cases need, built once by createServer (or by a test). */
import type { ServerConfig } from './config.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './ports.ts';
import type { Hasher } from './crypto/hasher.ts';
import type { CaptchaVerifier } from './captcha/captcha.ts';
import type { RateLimiter } from './ratelimit/rate-limiter.ts';
import type { Logger } from './log.ts';
import type { BankQuestion } from './domain/security-questions.ts';
import type { SmtpCatcher } from './mail/smtp-catcher.ts';
import type { DependencyMonitor } from './ops/dependency-monitor.ts';
import type { ServerMetrics } from './ops/metrics.ts';

export interface AppDeps {
  config: ServerConfig;
  db: Db;
  clock: Clock;
  hasher: Hasher;
  captcha: CaptchaVerifier;
  rateLimiter: RateLimiter;
  log: Logger;
  questionBank: readonly BankQuestion[];
  /** A real argon2id hash of a random secret: what decoys and unknown sign-ins verify against. */
  dummyHash: string;
  /** Cached dependency checks (/ready, /metrics) that requests also report to. */
  monitor: DependencyMonitor;
  metrics: ServerMetrics;
  /** True once a shutdown began: /ready answers 503 and responses close their connection. */
  draining(): boolean;
  catcher?: SmtpCatcher | undefined;
  /** Wakes the outbox worker after a commit so mail goes out at once. */
  kickOutbox(): void;
  /** Where dist/widget lives (static files for the demo page). */
  widgetDir: string;
  openapiFile: string;
}
