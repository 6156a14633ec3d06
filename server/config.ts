/**
 * Configuration from the environment, validated once at start: one Spanish line per bad value,
 * naming the variable and showing a valid example. Short lifetimes, short locks and cheap proof of
 * work are accepted only with IESS_TEST_MODE=1.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { loadQuestionBank } from './domain/security-questions.ts';

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
  /** PostgreSQL connections per process (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** Named prepared statements, on PostgreSQL and PGlite (DATABASE_PREPARED_STATEMENTS, on by default). */
  databasePreparedStatements: boolean;
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
    /** Options per multiple-choice question (domain/verification-policy.ts: the takeover bound). */
    challengeOptions: number;
    linkLifetimeSeconds: number;
    resendCooldownSeconds: number;
    maxResends: number;
    minSecurityQuestions: number;
    flowLifetimeSeconds: number;
    /** "Necesito más tiempo": how often a flow may be extended, and the age it never passes. */
    maxFlowExtensions: number;
    flowMaxAgeSeconds: number;
    sessionLifetimeSeconds: number;
  };
  policy: {
    minLength: number;
    maxLength: number;
    /** Lowest zxcvbn score accepted (PASSWORD_MIN_SCORE); 0 turns the estimate off. */
    minScore: number;
    contextWords: boolean;
  };
  rateLimits: {
    /** Per client (an IPv4 address or an IPv6 /64) and route group. */
    perIpPerMinute: number;
    /** Per client and identification (BUSCAR, verification, sign-in): never for everyone at once. */
    perIdentificationPerHour: number;
    /** Sign-ins for one identification from every client together, after which each needs a proof of work. */
    signInCaptchaAfterPerHour: number;
    perDestinationPerHour: number;
    globalPerMinute: number;
  };
  declaration: { version: string; text: string };
  securityQuestionsFile: string | undefined;
  argon2Concurrency: number;
  /** argon2id operations that may wait for a slot (by default ARGON2_WAITING_PER_SLOT per slot that has a core); past that (twice that for a person past the verification), a request that would hash is refused 503 before it takes anything of the procedure. */
  argon2MaxWaiting: number;
  outboxPollMs: number;
  logLevel: string;
  /** Enables GET /metrics for `Authorization: Bearer <token>`; unset = no /metrics. */
  metricsToken: string | undefined;
  /** On SIGTERM/SIGINT: how long in-flight requests may take to finish before they are cut. */
  shutdownTimeoutSeconds: number;
  /** On SIGTERM/SIGINT: how long to keep accepting (with /ready at 503) so a proxy stops sending first. */
  shutdownDelaySeconds: number;
}

/** The procedure's own words (seed, step 11): what the person ticks before the new password. */
export const DEFAULT_DECLARATION_TEXT = 'Declaro que toda la información registrada es fidedigna';

const intIn = (_name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `debe ser un número entero entre ${min} y ${max}` })
    .int(`debe ser un número entero entre ${min} y ${max}`)
    .min(min, `debe ser un número entero entre ${min} y ${max}`)
    .max(max, `debe ser un número entero entre ${min} y ${max}`);

/** An absolute URL with one of these schemes (each variable says which it takes). */
const urlWith = (schemes: readonly string[]) =>
  z
    .string()
    .refine(
      (v) => URL.canParse(v) && schemes.includes(new URL(v).protocol.slice(0, -1)),
      `debe ser una URL que empiece por ${schemes.map((s) => `${s}://`).join(' o ')}`,
    );
const url = (_name: string) => urlWith(['http', 'https']);
const bool01 = z.enum(['0', '1'], 'debe ser 0 o 1').transform((v) => v === '1');

/** The default bound of the argon2id queue, per slot of ARGON2_CONCURRENCY that has a core to run on. */
export const ARGON2_WAITING_PER_SLOT = 256;

/**
 * A valid value for each variable, shown after its problem (`Ejemplo: NAME=value`): every
 * message says what to write instead. The configuration test checks that every variable read
 * below has one.
 */
export const CONFIG_EXAMPLES: Record<string, string> = {
  IESS_TEST_MODE: '1',
  PORT: '8080',
  HOST: '0.0.0.0',
  PUBLIC_URL: 'https://clave.iess.gob.ec',
  ACTIVATION_URL: 'https://www.iess.gob.ec/clave/activar',
  SECRET: '"$(openssl rand -base64 48)"',
  DATABASE_URL: 'postgres://iess:clave@db.interno:5432/iess_clave',
  DATABASE_POOL_SIZE: '10',
  DATABASE_PREPARED_STATEMENTS: '0',
  DATA_DIR: '/var/lib/iess-clave',
  REDIS_URL: 'redis://redis.interno:6379',
  SMTP_URL: 'smtp://usuario:clave@smtp.iess.gob.ec:587',
  MAIL_FROM: '"IESS <no-responder@iess.gob.ec>"',
  CORS_ORIGINS: 'https://www.iess.gob.ec,https://portal.iess.gob.ec',
  TRUST_PROXY_HOPS: '1',
  CAPTCHA_PROVIDER: 'altcha',
  ALTCHA_MAX_NUMBER: '100000',
  ALTCHA_LIFETIME_SECONDS: '300',
  RECAPTCHA_SITE_KEY: '6Lc…',
  RECAPTCHA_SECRET: '6Lc…',
  RECAPTCHA_VERIFY_URL: 'https://www.google.com/recaptcha/api/siteverify',
  RECAPTCHA_HOSTNAMES: 'www.iess.gob.ec',
  MAX_ATTEMPTS: '5',
  LOCK_MINUTES: '120',
  CHALLENGE_OPTIONS: '10',
  LINK_LIFETIME_SECONDS: '180',
  RESEND_COOLDOWN_SECONDS: '60',
  MAX_RESENDS: '3',
  MIN_SECURITY_QUESTIONS: '3',
  FLOW_LIFETIME_SECONDS: '900',
  FLOW_MAX_EXTENSIONS: '10',
  FLOW_MAX_AGE_SECONDS: '10800',
  SESSION_LIFETIME_SECONDS: '1800',
  PASSWORD_MIN_LENGTH: '12',
  PASSWORD_MAX_LENGTH: '128',
  PASSWORD_MIN_SCORE: '3',
  PASSWORD_CONTEXT_WORDS: '1',
  RATE_LIMIT_IP_PER_MINUTE: '120',
  RATE_LIMIT_ID_PER_HOUR: '60',
  RATE_LIMIT_SIGNIN_CAPTCHA_AFTER_PER_HOUR: '10',
  RATE_LIMIT_DESTINATION_PER_HOUR: '10',
  RATE_LIMIT_GLOBAL_PER_MINUTE: '6000',
  DECLARATION_VERSION: '2025-01',
  DECLARATION_TEXT: '"Declaro que toda la información registrada es fidedigna"',
  SECURITY_QUESTIONS_FILE: '/etc/iess-clave/preguntas.json',
  ARGON2_CONCURRENCY: '2',
  ARGON2_MAX_WAITING: '512',
  OUTBOX_POLL_MS: '1000',
  LOG_LEVEL: 'info',
  METRICS_TOKEN: '"$(openssl rand -hex 32)"',
  SHUTDOWN_TIMEOUT_SECONDS: '10',
  SHUTDOWN_DELAY_SECONDS: '5',
};

/** Values never echoed back in a message (secrets, and passwords inside URLs). */
const SECRET_VARIABLES = new Set(['SECRET', 'RECAPTCHA_SECRET', 'METRICS_TOKEN']);
function shown(name: string, raw: string): string {
  if (SECRET_VARIABLES.has(name)) return `(${[...raw].length} caracteres)`;
  let v = raw;
  if (URL.canParse(raw)) {
    const u = new URL(raw);
    if (u.password) {
      u.password = '***';
      v = u.toString();
    }
  }
  return JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v);
}

/** One problem line: the variable, its value (hidden when secret), what is wrong, and a valid example. */
export function configProblem(name: string, raw: string | undefined, message: string): string {
  const example = CONFIG_EXAMPLES[name];
  return `${raw === undefined ? name : `${name}=${shown(name, raw)}`}: ${message}${example ? `. Ejemplo: ${name}=${example}` : ''}`;
}

/** Thrown with every problem listed, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('Configuración inválida:\n' + problems.map((p) => '  - ' + p).join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The fixed, public secret of `serve --demo` and test mode (never accepted otherwise). */
export const DEMO_SECRET = 'iess-clave-demo-secret-not-for-production-use!';

/** What `migrate` and `import` need: only the storage. */
export interface StorageConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
  databasePreparedStatements: boolean;
}

type Get = <T>(name: string, schema: z.ZodType<T>, fallback: T) => T;

function reader(env: Env, problems: string[]): Get {
  return (name, schema, fallback) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const r = schema.safeParse(raw);
    if (!r.success) {
      problems.push(configProblem(name, raw, r.error.issues[0]?.message ?? 'valor inválido'));
      return fallback;
    }
    return r.data;
  };
}

function readStorage(get: Get): StorageConfig {
  return {
    databaseUrl: get('DATABASE_URL', urlWith(['postgres', 'postgresql']), undefined as string | undefined),
    dataDir: get('DATA_DIR', z.string().min(1), './.data/pglite'),
    databasePoolSize: get('DATABASE_POOL_SIZE', intIn('DATABASE_POOL_SIZE', 1, 1000), 10),
    databasePreparedStatements: get('DATABASE_PREPARED_STATEMENTS', bool01, true),
  };
}

/** Reads and validates only the storage variables (for `migrate` and `import`). */
export function loadStorageConfig(env: Env = process.env): StorageConfig {
  const problems: string[] = [];
  const storage = readStorage(reader(env, problems));
  if (problems.length) throw new ConfigError(problems);
  return storage;
}

/**
 * Reads and validates the environment for `serve`. Throws ConfigError listing every bad value,
 * one line each. `demo` comes from `serve --demo` only (no environment variable turns it on).
 */
export function loadConfig(env: Env = process.env, options: { demo?: boolean } = {}): ServerConfig {
  const problems: string[] = [];
  const get = reader(env, problems);
  const testMode = get('IESS_TEST_MODE', z.enum(['0', '1'], 'debe ser 1 (modo de prueba) o no estar definida'), '0') === '1';
  const demo = options.demo === true;
  // Production floors; test mode lowers them so tests need no real waiting.
  const floor = (prod: number, test: number) => (testMode ? test : prod);

  const port = get('PORT', intIn('PORT', 0, 65_535), 8080);
  const host = get('HOST', z.string().min(1), '127.0.0.1');
  const publicUrl = get('PUBLIC_URL', url('PUBLIC_URL'), `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, '');
  const activationUrl = get('ACTIVATION_URL', url('ACTIVATION_URL'), `${publicUrl}/activar`);
  if (!testMode && !activationUrl.startsWith('https://') && !/^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(activationUrl)) {
    problems.push(configProblem('ACTIVATION_URL', env.ACTIVATION_URL, 'debe usar https:// (http:// solo para 127.0.0.1 o localhost)'));
  }
  const secret = get('SECRET', z.string().min(32, 'debe tener al menos 32 caracteres aleatorios'), undefined as string | undefined);
  const captchaProvider = get('CAPTCHA_PROVIDER', z.enum(['altcha', 'recaptcha'], 'debe ser "altcha" o "recaptcha"'), 'altcha');
  const storage = readStorage(get);
  const argon2Concurrency = get('ARGON2_CONCURRENCY', intIn('ARGON2_CONCURRENCY', 1, 64), 2);
  const cfg: ServerConfig = {
    testMode,
    demo,
    port,
    host,
    publicUrl,
    activationUrl,
    ...storage,
    redisUrl: get('REDIS_URL', urlWith(['redis', 'rediss']), undefined as string | undefined),
    smtpUrl: get('SMTP_URL', urlWith(['smtp', 'smtps']), undefined as string | undefined),
    mailFrom: get(
      'MAIL_FROM',
      z
        .string()
        .min(3, 'demasiado corto')
        .refine((v) => !/[\r\n]/.test(v), 'no puede contener saltos de línea'),
      'IESS <no-responder@iess.gob.ec>',
    ),
    corsOrigins: get(
      'CORS_ORIGINS',
      z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        )
        .refine(
          (list) =>
            list.every(
              (o) =>
                /^(chrome|moz)-extension:\/\/[a-z0-9-]{1,64}$/.test(o) ||
                (o !== '*' && o !== 'null' && URL.canParse(o) && new URL(o).origin === o),
            ),
          'lista separada por comas de orígenes exactos (https://ejemplo.gob.ec o chrome-extension://id), sin "*" ni "null"',
        ),
      [] as string[],
    ),
    trustProxyHops: get('TRUST_PROXY_HOPS', intIn('TRUST_PROXY_HOPS', 0, 10), 0),
    secret: secret ?? '',
    captcha: {
      provider: captchaProvider,
      altchaMaxNumber: get('ALTCHA_MAX_NUMBER', intIn('ALTCHA_MAX_NUMBER', floor(10_000, 1), 100_000_000), 100_000),
      altchaLifetimeSeconds: get('ALTCHA_LIFETIME_SECONDS', intIn('ALTCHA_LIFETIME_SECONDS', floor(60, 1), 600), 300),
      recaptchaSiteKey: get('RECAPTCHA_SITE_KEY', z.string().min(1), ''),
      recaptchaSecret: get('RECAPTCHA_SECRET', z.string().min(1), ''),
      recaptchaVerifyUrl: get('RECAPTCHA_VERIFY_URL', url('RECAPTCHA_VERIFY_URL'), 'https://www.google.com/recaptcha/api/siteverify'),
      recaptchaHostnames: get(
        'RECAPTCHA_HOSTNAMES',
        z.string().transform((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
        [] as string[],
      ),
    },
    limits: {
      maxAttempts: get('MAX_ATTEMPTS', intIn('MAX_ATTEMPTS', 1, 100), 5),
      lockMinutes: get('LOCK_MINUTES', intIn('LOCK_MINUTES', floor(15, 1), 100_000), 120),
      challengeOptions: get('CHALLENGE_OPTIONS', intIn('CHALLENGE_OPTIONS', 4, 12), 10),
      linkLifetimeSeconds: get('LINK_LIFETIME_SECONDS', intIn('LINK_LIFETIME_SECONDS', floor(60, 1), 86_400), 180),
      resendCooldownSeconds: get('RESEND_COOLDOWN_SECONDS', intIn('RESEND_COOLDOWN_SECONDS', floor(10, 0), 86_400), 60),
      maxResends: get('MAX_RESENDS', intIn('MAX_RESENDS', 0, 100), 3),
      minSecurityQuestions: get('MIN_SECURITY_QUESTIONS', intIn('MIN_SECURITY_QUESTIONS', floor(3, 1), 10), 3),
      flowLifetimeSeconds: get('FLOW_LIFETIME_SECONDS', intIn('FLOW_LIFETIME_SECONDS', floor(300, 1), 86_400), 900),
      maxFlowExtensions: get('FLOW_MAX_EXTENSIONS', intIn('FLOW_MAX_EXTENSIONS', 0, 100), 10),
      flowMaxAgeSeconds: get('FLOW_MAX_AGE_SECONDS', intIn('FLOW_MAX_AGE_SECONDS', floor(600, 1), 604_800), 10_800),
      sessionLifetimeSeconds: get('SESSION_LIFETIME_SECONDS', intIn('SESSION_LIFETIME_SECONDS', floor(60, 1), 86_400), 1800),
    },
    policy: {
      minLength: get('PASSWORD_MIN_LENGTH', intIn('PASSWORD_MIN_LENGTH', floor(8, 1), 1024), 12),
      maxLength: get('PASSWORD_MAX_LENGTH', intIn('PASSWORD_MAX_LENGTH', 64, 1024), 128),
      // zxcvbn's scale: 3 = hard to guess (about 10^10 guesses); below 3 only for tests.
      minScore: get('PASSWORD_MIN_SCORE', intIn('PASSWORD_MIN_SCORE', floor(3, 0), 4), 3),
      contextWords: get('PASSWORD_CONTEXT_WORDS', bool01, true),
    },
    rateLimits: {
      perIpPerMinute: get('RATE_LIMIT_IP_PER_MINUTE', intIn('RATE_LIMIT_IP_PER_MINUTE', 1, 1_000_000), 120),
      perIdentificationPerHour: get('RATE_LIMIT_ID_PER_HOUR', intIn('RATE_LIMIT_ID_PER_HOUR', 1, 1_000_000), 60),
      signInCaptchaAfterPerHour: get(
        'RATE_LIMIT_SIGNIN_CAPTCHA_AFTER_PER_HOUR',
        intIn('RATE_LIMIT_SIGNIN_CAPTCHA_AFTER_PER_HOUR', 0, 1_000_000),
        10,
      ),
      perDestinationPerHour: get('RATE_LIMIT_DESTINATION_PER_HOUR', intIn('RATE_LIMIT_DESTINATION_PER_HOUR', 1, 1_000_000), 10),
      globalPerMinute: get('RATE_LIMIT_GLOBAL_PER_MINUTE', intIn('RATE_LIMIT_GLOBAL_PER_MINUTE', 1, 10_000_000), 6000),
    },
    declaration: {
      version: get('DECLARATION_VERSION', z.string().min(1).max(64, 'como máximo 64 caracteres'), '2025-01'),
      text: get('DECLARATION_TEXT', z.string().min(1).max(2000, 'como máximo 2000 caracteres'), DEFAULT_DECLARATION_TEXT),
    },
    securityQuestionsFile: get('SECURITY_QUESTIONS_FILE', z.string().min(1), undefined as string | undefined),
    argon2Concurrency,
    // About 3 s of work per slot on a 2-core machine (~80 verifications a second each): far inside
    // the widget's 15 s. Slots beyond the cores drain no faster, so only those that run count.
    argon2MaxWaiting: get(
      'ARGON2_MAX_WAITING',
      intIn('ARGON2_MAX_WAITING', 1, 10_000),
      ARGON2_WAITING_PER_SLOT * Math.min(argon2Concurrency, availableParallelism()),
    ),
    outboxPollMs: get('OUTBOX_POLL_MS', intIn('OUTBOX_POLL_MS', floor(200, 10), 600_000), 1000),
    logLevel: get(
      'LOG_LEVEL',
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'debe ser fatal, error, warn, info, debug, trace o silent'),
      'info',
    ),
    metricsToken: get('METRICS_TOKEN', z.string().min(32, 'debe tener al menos 32 caracteres aleatorios'), undefined as string | undefined),
    shutdownTimeoutSeconds: get('SHUTDOWN_TIMEOUT_SECONDS', intIn('SHUTDOWN_TIMEOUT_SECONDS', 0, 600), 10),
    shutdownDelaySeconds: get('SHUTDOWN_DELAY_SECONDS', intIn('SHUTDOWN_DELAY_SECONDS', 0, 120), 0),
  };
  if (cfg.policy.minLength > cfg.policy.maxLength) {
    problems.push(
      configProblem('PASSWORD_MIN_LENGTH', env.PASSWORD_MIN_LENGTH, `no puede ser mayor que PASSWORD_MAX_LENGTH (${cfg.policy.maxLength})`),
    );
  }
  if ('PASSWORD_BLOCKLIST' in env) {
    // The hand-made list gave way to the strength estimate: a deployment that set it must not start as if nothing changed.
    problems.push(
      configProblem(
        'PASSWORD_MIN_SCORE',
        undefined,
        'reemplaza a PASSWORD_BLOCKLIST, que ya no existe (la fortaleza se estima con zxcvbn): quite PASSWORD_BLOCKLIST y, si quiere, fije PASSWORD_MIN_SCORE en 3 o 4',
      ),
    );
  }
  if (cfg.captcha.provider === 'recaptcha' && (!cfg.captcha.recaptchaSecret || !cfg.captcha.recaptchaSiteKey)) {
    problems.push(
      configProblem(
        !cfg.captcha.recaptchaSiteKey ? 'RECAPTCHA_SITE_KEY' : 'RECAPTCHA_SECRET',
        undefined,
        'obligatoria con CAPTCHA_PROVIDER=recaptcha (RECAPTCHA_SITE_KEY y RECAPTCHA_SECRET)',
      ),
    );
  }
  if (cfg.securityQuestionsFile && !problems.some((p) => p.startsWith('SECURITY_QUESTIONS_FILE'))) {
    const why = questionFileProblem(cfg.securityQuestionsFile);
    if (why) problems.push(configProblem('SECURITY_QUESTIONS_FILE', cfg.securityQuestionsFile, why));
  }
  if (!env.SECRET) {
    // Without a configured secret, decoys would change on every restart (SS-04 stability).
    if (testMode || demo) cfg.secret = DEMO_SECRET;
    else
      problems.push(
        configProblem('SECRET', undefined, 'obligatoria: al menos 32 caracteres aleatorios (la clave de los señuelos y de las firmas)'),
      );
  }
  if (!env.SMTP_URL && !testMode && !demo) {
    // Without SMTP_URL the server would catch mail itself and show it at /dev/inbox, links and
    // tokens included: only for `serve --demo` and tests, never a deployment that forgot it.
    problems.push(configProblem('SMTP_URL', undefined, 'obligatoria fuera de `serve --demo` y del modo de prueba'));
  }
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}

/** Why SECURITY_QUESTIONS_FILE cannot be used, or undefined when it can. */
function questionFileProblem(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'el archivo no existe' : code === 'EISDIR' ? 'es una carpeta, no un archivo' : `no se puede leer (${code})`;
  }
  try {
    JSON.parse(text);
  } catch {
    return 'no es JSON válido: debe ser un arreglo de 3 a 20 objetos { "id": "id-kebab", "text": "¿…?" }';
  }
  try {
    loadQuestionBank(file);
  } catch {
    return 'debe ser un arreglo JSON de 3 a 20 objetos { "id": "id-kebab", "text": "¿…?" }';
  }
  return undefined;
}

/** A config for tests: test mode, the given overrides merged over the defaults. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const base = loadConfig({ IESS_TEST_MODE: '1', PORT: '0', ALTCHA_MAX_NUMBER: '50', LOG_LEVEL: 'silent' });
  return { ...base, ...overrides };
}
