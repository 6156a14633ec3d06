/**
 * Configuration from the environment, validated once at start with one clear message per bad value.
 * Short lifetimes, short locks and cheap proof of work are accepted only with IESS_TEST_MODE=1.
 */
import { z } from 'zod';

export interface ServerConfig {
  testMode: boolean;
  /** `serve --demo`: demo identities loaded, and listed on the demo page. */
  demo: boolean;
  port: number;
  host: string;
  publicUrl: string;
  activationUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  corsOrigins: string[];
  trustProxyHops: number;
  /** Secret for HMAC of decoys, captcha signatures and attempt keys. */
  secret: string;
  captcha: {
    provider: 'altcha' | 'recaptcha';
    altchaMaxNumber: number;
    altchaLifetimeSeconds: number;
    recaptchaSiteKey: string;
    recaptchaSecret: string;
    recaptchaVerifyUrl: string;
    recaptchaHostnames: string[];
  };
  limits: {
    maxAttempts: number;
    lockMinutes: number;
    linkLifetimeSeconds: number;
    resendCooldownSeconds: number;
    maxResends: number;
    minSecurityQuestions: number;
    flowLifetimeSeconds: number;
    sessionLifetimeSeconds: number;
  };
  policy: {
    minLength: number;
    maxLength: number;
    blocklist: boolean;
    contextWords: boolean;
  };
  rateLimits: {
    perIpPerMinute: number;
    perIdentificationPerHour: number;
    perDestinationPerHour: number;
    globalPerMinute: number;
  };
  declaration: { version: string; text: string };
  securityQuestionsFile: string | undefined;
  argon2Concurrency: number;
  outboxPollMs: number;
  logLevel: string;
}

/** The procedure's own words (seed, step 11): what the person ticks before the new password. */
export const DEFAULT_DECLARATION_TEXT = 'Declaro que toda la información registrada es fidedigna';

const intIn = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} debe ser un número entero` })
    .int(`${name} debe ser un número entero`)
    .min(min, `${name} debe ser al menos ${min}`)
    .max(max, `${name} debe ser como máximo ${max}`);

const url = (name: string) =>
  z.string().refine((v) => URL.canParse(v), `${name} debe ser una URL absoluta (http:// o https://)`);

/** Thrown with every problem listed, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('Configuración inválida:\n' + problems.map((p) => '  - ' + p).join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment. Throws ConfigError listing every bad value. */
export function loadConfig(env: Env = process.env): ServerConfig {
  const testMode = env.IESS_TEST_MODE === '1';
  const problems: string[] = [];
  const get = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const r = schema.safeParse(raw);
    if (!r.success) {
      problems.push(`${name}=${JSON.stringify(raw.length > 60 ? raw.slice(0, 60) + '…' : raw)}: ${r.error.issues[0]?.message}`);
      return fallback;
    }
    return r.data;
  };
  // Production floors; test mode lowers them so tests need no real waiting.
  const floor = (prod: number, test: number) => (testMode ? test : prod);

  const port = get('PORT', intIn('PORT', 0, 65_535), 8080);
  const host = get('HOST', z.string().min(1), '127.0.0.1');
  const publicUrl = get('PUBLIC_URL', url('PUBLIC_URL'), `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, '');
  const activationUrl = get('ACTIVATION_URL', url('ACTIVATION_URL'), `${publicUrl}/activar`);
  if (!testMode && !activationUrl.startsWith('https://') && !/^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(activationUrl)) {
    problems.push('ACTIVATION_URL: debe usar https:// (solo se admite http:// para 127.0.0.1 o localhost)');
  }
  const secret = get('SECRET', z.string().min(32, 'SECRET debe tener al menos 32 caracteres'), '');
  const captchaProvider = get('CAPTCHA_PROVIDER', z.enum(['altcha', 'recaptcha'], 'CAPTCHA_PROVIDER debe ser "altcha" o "recaptcha"'), 'altcha');
  const cfg: ServerConfig = {
    testMode,
    demo: env.IESS_DEMO === '1',
    port,
    host,
    publicUrl,
    activationUrl,
    databaseUrl: get('DATABASE_URL', url('DATABASE_URL'), undefined as string | undefined),
    dataDir: get('DATA_DIR', z.string().min(1), './.data/pglite'),
    redisUrl: get('REDIS_URL', url('REDIS_URL'), undefined as string | undefined),
    smtpUrl: get('SMTP_URL', url('SMTP_URL'), undefined as string | undefined),
    mailFrom: get('MAIL_FROM', z.string().min(3).refine((v) => !/[\r\n]/.test(v), 'MAIL_FROM no puede contener saltos de línea'), 'IESS <no-responder@iess.gob.ec>'),
    corsOrigins: get(
      'CORS_ORIGINS',
      z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)).refine(
        (list) => list.every((o) => /^(chrome|moz)-extension:\/\/[a-z0-9-]{1,64}$/.test(o) || (o !== '*' && o !== 'null' && URL.canParse(o) && new URL(o).origin === o)),
        'CORS_ORIGINS: lista separada por comas de orígenes exactos (https://ejemplo.gob.ec o chrome-extension://id), sin "*" ni "null"',
      ),
      [] as string[],
    ),
    trustProxyHops: get('TRUST_PROXY_HOPS', intIn('TRUST_PROXY_HOPS', 0, 10), 0),
    secret,
    captcha: {
      provider: captchaProvider,
      altchaMaxNumber: get('ALTCHA_MAX_NUMBER', intIn('ALTCHA_MAX_NUMBER', floor(10_000, 1), 100_000_000), 100_000),
      altchaLifetimeSeconds: get('ALTCHA_LIFETIME_SECONDS', intIn('ALTCHA_LIFETIME_SECONDS', floor(60, 1), 600), 300),
      recaptchaSiteKey: get('RECAPTCHA_SITE_KEY', z.string().min(1), ''),
      recaptchaSecret: get('RECAPTCHA_SECRET', z.string().min(1), ''),
      recaptchaVerifyUrl: get('RECAPTCHA_VERIFY_URL', url('RECAPTCHA_VERIFY_URL'), 'https://www.google.com/recaptcha/api/siteverify'),
      recaptchaHostnames: get('RECAPTCHA_HOSTNAMES', z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)), [] as string[]),
    },
    limits: {
      maxAttempts: get('MAX_ATTEMPTS', intIn('MAX_ATTEMPTS', 1, 100), 5),
      lockMinutes: get('LOCK_MINUTES', intIn('LOCK_MINUTES', floor(15, 1), 100_000), 120),
      linkLifetimeSeconds: get('LINK_LIFETIME_SECONDS', intIn('LINK_LIFETIME_SECONDS', floor(60, 1), 86_400), 180),
      resendCooldownSeconds: get('RESEND_COOLDOWN_SECONDS', intIn('RESEND_COOLDOWN_SECONDS', floor(10, 0), 86_400), 60),
      maxResends: get('MAX_RESENDS', intIn('MAX_RESENDS', 0, 100), 3),
      minSecurityQuestions: get('MIN_SECURITY_QUESTIONS', intIn('MIN_SECURITY_QUESTIONS', floor(3, 1), 10), 3),
      flowLifetimeSeconds: get('FLOW_LIFETIME_SECONDS', intIn('FLOW_LIFETIME_SECONDS', floor(300, 1), 86_400), 900),
      sessionLifetimeSeconds: get('SESSION_LIFETIME_SECONDS', intIn('SESSION_LIFETIME_SECONDS', floor(60, 1), 86_400), 1800),
    },
    policy: {
      minLength: get('PASSWORD_MIN_LENGTH', intIn('PASSWORD_MIN_LENGTH', floor(8, 1), 1024), 12),
      maxLength: get('PASSWORD_MAX_LENGTH', intIn('PASSWORD_MAX_LENGTH', 64, 1024), 128),
      blocklist: get('PASSWORD_BLOCKLIST', z.enum(['0', '1'], 'PASSWORD_BLOCKLIST debe ser 0 o 1').transform((v) => v === '1'), true),
      contextWords: get('PASSWORD_CONTEXT_WORDS', z.enum(['0', '1'], 'PASSWORD_CONTEXT_WORDS debe ser 0 o 1').transform((v) => v === '1'), true),
    },
    rateLimits: {
      perIpPerMinute: get('RATE_LIMIT_IP_PER_MINUTE', intIn('RATE_LIMIT_IP_PER_MINUTE', 1, 1_000_000), 120),
      perIdentificationPerHour: get('RATE_LIMIT_ID_PER_HOUR', intIn('RATE_LIMIT_ID_PER_HOUR', 1, 1_000_000), 60),
      perDestinationPerHour: get('RATE_LIMIT_DESTINATION_PER_HOUR', intIn('RATE_LIMIT_DESTINATION_PER_HOUR', 1, 1_000_000), 10),
      globalPerMinute: get('RATE_LIMIT_GLOBAL_PER_MINUTE', intIn('RATE_LIMIT_GLOBAL_PER_MINUTE', 1, 10_000_000), 6000),
    },
    declaration: {
      version: get('DECLARATION_VERSION', z.string().min(1).max(64), '2025-01'),
      text: get('DECLARATION_TEXT', z.string().min(1).max(2000), DEFAULT_DECLARATION_TEXT),
    },
    securityQuestionsFile: get('SECURITY_QUESTIONS_FILE', z.string().min(1), undefined as string | undefined),
    argon2Concurrency: get('ARGON2_CONCURRENCY', intIn('ARGON2_CONCURRENCY', 1, 64), 2),
    outboxPollMs: get('OUTBOX_POLL_MS', intIn('OUTBOX_POLL_MS', floor(200, 10), 600_000), 1000),
    logLevel: get('LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  };
  if (cfg.policy.minLength > cfg.policy.maxLength) problems.push('PASSWORD_MIN_LENGTH no puede ser mayor que PASSWORD_MAX_LENGTH');
  if (cfg.captcha.provider === 'recaptcha' && (!cfg.captcha.recaptchaSecret || !cfg.captcha.recaptchaSiteKey)) {
    problems.push('CAPTCHA_PROVIDER=recaptcha requiere RECAPTCHA_SITE_KEY y RECAPTCHA_SECRET');
  }
  if (!cfg.secret) {
    // Without a configured secret, decoys would change on every restart (SS-04 stability).
    if (testMode || env.IESS_DEMO === '1') cfg.secret = 'iess-clave-demo-secret-not-for-production-use!';
    else problems.push('SECRET: obligatorio (al menos 32 caracteres aleatorios); p. ej. `openssl rand -base64 48`');
  }
  if (!cfg.smtpUrl && !testMode && env.IESS_DEMO !== '1') {
    // Without SMTP_URL the server would catch mail itself and show it at /dev/inbox, links and
    // tokens included: only for `serve --demo` and tests, never a deployment that forgot it.
    problems.push('SMTP_URL: obligatorio fuera de `serve --demo` y del modo de prueba (p. ej. smtp://usuario:clave@smtp.iess.gob.ec:587)');
  }
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}

/** A config for tests: test mode, the given overrides merged over the defaults. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const base = loadConfig({ IESS_TEST_MODE: '1', PORT: '0', ALTCHA_MAX_NUMBER: '50', LOG_LEVEL: 'silent' });
  return { ...base, ...overrides };
}
