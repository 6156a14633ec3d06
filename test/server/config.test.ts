/**
 * Configuration from the environment: defaults, one Spanish line per bad value naming the
 * variable with a valid example (issue 11), secrets never echoed, test-mode floors, and no
 * environment variable that turns on the demo (issue 9 §8: IESS_DEMO is gone).
 */
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { ARGON2_WAITING_PER_SLOT, CONFIG_EXAMPLES, loadConfig, loadStorageConfig, type ConfigError } from '../../server/config.ts';

const SECRET = 'x'.repeat(40);
const SMTP_URL = 'smtp://127.0.0.1:2525';
const BASE = { SECRET, SMTP_URL };
const problems = (env: Record<string, string>, options?: { demo?: boolean }) => {
  try {
    loadConfig(env, options);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

/** A bad value for every variable that can be wrong on its own (the others: see CHECKED_ELSEWHERE). */
const BAD: Record<string, string> = {
  IESS_TEST_MODE: 'yes',
  PORT: 'abc',
  PUBLIC_URL: 'clave.iess.gob.ec',
  ACTIVATION_URL: 'http://iess.gob.ec/activar',
  SECRET: 'corto',
  DATABASE_URL: 'http://db.interno:5432/iess',
  DATABASE_POOL_SIZE: '0',
  DATABASE_PREPARED_STATEMENTS: 'no',
  REDIS_URL: 'localhost:6379',
  SMTP_URL: 'https://smtp.iess.gob.ec',
  MAIL_FROM: 'IESS <a@b.ec>\nBcc: x@y.ec',
  CORS_ORIGINS: '*',
  TRUST_PROXY_HOPS: '-1',
  CAPTCHA_PROVIDER: 'hcaptcha',
  ALTCHA_MAX_NUMBER: '10',
  ALTCHA_LIFETIME_SECONDS: '5',
  RECAPTCHA_VERIFY_URL: 'siteverify',
  MAX_ATTEMPTS: '0',
  LOCK_MINUTES: '1',
  CHALLENGE_OPTIONS: '3',
  LINK_LIFETIME_SECONDS: '2',
  RESEND_COOLDOWN_SECONDS: '1',
  MAX_RESENDS: '101',
  MIN_SECURITY_QUESTIONS: '1',
  FLOW_LIFETIME_SECONDS: '10',
  FLOW_MAX_EXTENSIONS: '101',
  FLOW_MAX_AGE_SECONDS: '10',
  SESSION_LIFETIME_SECONDS: '10',
  PASSWORD_MIN_LENGTH: '4',
  PASSWORD_MAX_LENGTH: '10',
  PASSWORD_MIN_SCORE: '5',
  PASSWORD_CONTEXT_WORDS: 'true',
  RATE_LIMIT_IP_PER_MINUTE: '0',
  RATE_LIMIT_ID_PER_HOUR: 'muchos',
  RATE_LIMIT_SIGNIN_CAPTCHA_AFTER_PER_HOUR: '-1',
  RATE_LIMIT_DESTINATION_PER_HOUR: '1.5',
  RATE_LIMIT_GLOBAL_PER_MINUTE: '-1',
  DECLARATION_VERSION: 'v'.repeat(65),
  DECLARATION_TEXT: 'x'.repeat(2001),
  SECURITY_QUESTIONS_FILE: '/no/existe/preguntas.json',
  ARGON2_CONCURRENCY: '0',
  ARGON2_MAX_WAITING: '0',
  OUTBOX_POLL_MS: '50',
  LOG_LEVEL: 'verbose',
  METRICS_TOKEN: 'corto',
  SHUTDOWN_TIMEOUT_SECONDS: '-5',
  SHUTDOWN_DELAY_SECONDS: '600',
};
/** Wrong only together with another variable, or only when used: tested below and in cli.test.ts. */
const CHECKED_ELSEWHERE = ['HOST', 'DATA_DIR', 'RECAPTCHA_SITE_KEY', 'RECAPTCHA_SECRET', 'RECAPTCHA_HOSTNAMES'];
const ENGLISH = /invalid|expected|too (small|big)|must be|received|required/i;

describe('configuration', () => {
  it('defaults match the protocol: 5 attempts, 3-minute links, 12–128 code points, pool of 10, 10 s to drain', () => {
    const c = loadConfig(BASE);
    expect(c.limits).toMatchObject({ maxAttempts: 5, linkLifetimeSeconds: 180, minSecurityQuestions: 3, flowLifetimeSeconds: 900 });
    expect(c.policy).toEqual({ minLength: 12, maxLength: 128, minScore: 3, contextWords: true });
    expect(c.port).toBe(8080);
    expect(c.activationUrl).toBe('http://127.0.0.1:8080/activar');
    expect(c.captcha.provider).toBe('altcha');
    expect(c.databasePoolSize).toBe(10);
    expect(c.shutdownTimeoutSeconds).toBe(10);
    expect(c.shutdownDelaySeconds).toBe(0);
    expect(c.metricsToken).toBeUndefined();
    expect(loadConfig({ ...BASE, DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    expect(c.databasePreparedStatements).toBe(true);
    expect(loadConfig({ ...BASE, DATABASE_PREPARED_STATEMENTS: '0' }).databasePreparedStatements).toBe(false);
    // The argon2id queue's bound follows the slots that have a core to run on, unless set.
    const slots = (n: number) => Math.min(n, availableParallelism());
    expect([c.argon2Concurrency, c.argon2MaxWaiting]).toEqual([2, ARGON2_WAITING_PER_SLOT * slots(2)]);
    expect(loadConfig({ ...BASE, ARGON2_CONCURRENCY: '64' }).argon2MaxWaiting).toBe(ARGON2_WAITING_PER_SLOT * slots(64));
    expect(loadConfig({ ...BASE, ARGON2_CONCURRENCY: '1' }).argon2MaxWaiting).toBe(ARGON2_WAITING_PER_SLOT);
    expect(loadConfig({ ...BASE, ARGON2_CONCURRENCY: '4', ARGON2_MAX_WAITING: '10' }).argon2MaxWaiting).toBe(10);
  });

  it('every variable the configuration reads has a valid example, and a bad-value case here', () => {
    const read = new Set<string>();
    const spy = new Proxy(BASE as Record<string, string>, { get: (target, key: string) => (read.add(key), target[key]) });
    loadConfig(spy);
    for (const name of read) expect(CONFIG_EXAMPLES[name], `example for ${name}`).toBeDefined();
    for (const name of Object.keys(CONFIG_EXAMPLES)) expect(read.has(name), `${name} is read`).toBe(true);
    for (const name of Object.keys(CONFIG_EXAMPLES))
      expect(name in BAD || CHECKED_ELSEWHERE.includes(name), `a bad value for ${name}`).toBe(true);
  });

  it('each example is itself a valid value', () => {
    for (const [name, example] of Object.entries(CONFIG_EXAMPLES)) {
      if (example.includes('$(') || name === 'SECURITY_QUESTIONS_FILE') continue; // shell substitutions; a path on the operator's machine
      const value = example.replace(/^"(.*)"$/, '$1');
      const env = { ...BASE, [name]: value };
      expect(
        problems(env).filter((p) => p.startsWith(name)),
        `${name}=${value}`,
      ).toEqual([]);
    }
  });

  it('each bad value gives exactly one Spanish line that names the variable and shows a valid example', () => {
    for (const [name, value] of Object.entries(BAD)) {
      const p = problems({ ...BASE, [name]: value });
      expect(p, `${name}=${value}`).toHaveLength(1);
      expect(p[0]!.startsWith(`${name}=`) || p[0]!.startsWith(`${name}:`), p[0]).toBe(true);
      expect(p[0], name).toContain(`Ejemplo: ${name}=`);
      expect(p[0], name).not.toMatch(ENGLISH);
    }
  });

  it('finding 7 (issue 9): PASSWORD_MIN_SCORE is 3 or 4 outside test mode; the old PASSWORD_BLOCKLIST stops the start with what to do', () => {
    expect(problems({ ...BASE, PASSWORD_MIN_SCORE: '2' })[0]).toMatch(/^PASSWORD_MIN_SCORE="2": debe ser un número entero entre 3 y 4/);
    expect(loadConfig({ ...BASE, PASSWORD_MIN_SCORE: '4' }).policy.minScore).toBe(4);
    expect(loadConfig({ IESS_TEST_MODE: '1', PASSWORD_MIN_SCORE: '0' }).policy.minScore).toBe(0);
    const [old] = problems({ ...BASE, PASSWORD_BLOCKLIST: '1' });
    expect(old).toMatch(/^PASSWORD_MIN_SCORE: reemplaza a PASSWORD_BLOCKLIST, que ya no existe .*Ejemplo: PASSWORD_MIN_SCORE=3$/);
  });

  it('lists every bad value at once, one line each', () => {
    const p = problems({
      PORT: 'abc',
      LOCK_MINUTES: '1',
      CORS_ORIGINS: 'https://a.ec,*',
      CAPTCHA_PROVIDER: 'hcaptcha',
      ACTIVATION_URL: 'http://iess.gob.ec/activar',
    });
    expect(p.map((m) => /^[A-Z0-9_]+/.exec(m)![0]).sort()).toEqual([
      'ACTIVATION_URL',
      'CAPTCHA_PROVIDER',
      'CORS_ORIGINS',
      'LOCK_MINUTES',
      'PORT',
      'SECRET',
      'SMTP_URL',
    ]);
    expect(p.find((m) => m.startsWith('LOCK_MINUTES='))).toContain('entre 15 y');
  });

  it('secrets are never echoed: a short SECRET or METRICS_TOKEN shows its length; a password in a URL is masked', () => {
    const [secret] = problems({ ...BASE, SECRET: 'mi-secreto-corto' });
    expect(secret).not.toContain('mi-secreto-corto');
    expect(secret).toMatch(/^SECRET=\(16 caracteres\): debe tener al menos 32/);
    const [token] = problems({ ...BASE, METRICS_TOKEN: 'token-corto' });
    expect(token).not.toContain('token-corto');
    const [db] = problems({ ...BASE, DATABASE_URL: 'mysql://iess:ClaveSecreta@db/iess' });
    expect(db).not.toContain('ClaveSecreta');
    expect(db).toContain('postgres://');
  });

  it('URLs are checked for their own scheme, not "http:// or https://" for everything', () => {
    expect(
      problems({ ...BASE, DATABASE_URL: 'postgresql://u@db/iess', REDIS_URL: 'rediss://r:6380', SMTP_URL: 'smtps://u:p@smtp.ec:465' }),
    ).toEqual([]);
    expect(problems({ ...BASE, SMTP_URL: 'http://smtp.ec' })[0]).toMatch(
      /^SMTP_URL="http:\/\/smtp.ec": debe ser una URL que empiece por smtp:\/\/ o smtps:\/\//,
    );
    expect(problems({ ...BASE, REDIS_URL: 'http://r' })[0]).toMatch(/redis:\/\/ o rediss:\/\//);
  });

  it('issue 9 §8: IESS_DEMO no longer turns on the demo secret or the development inbox; only `serve --demo` does', () => {
    const p = problems({ IESS_DEMO: '1' });
    expect(p.some((m) => m.startsWith('SECRET'))).toBe(true);
    expect(p.some((m) => m.startsWith('SMTP_URL'))).toBe(true);
    expect(loadConfig({ IESS_DEMO: '1', ...BASE }).demo).toBe(false);
    const demo = loadConfig({}, { demo: true });
    expect(demo.demo).toBe(true);
    expect(demo.smtpUrl).toBeUndefined();
  });

  it('SMTP_URL is required outside --demo and test mode (no /dev/inbox with live links in a deployment)', () => {
    expect(problems({ SECRET }).some((m) => m.startsWith('SMTP_URL: obligatoria'))).toBe(true);
    expect(problems({ IESS_TEST_MODE: '1' })).toEqual([]);
    expect(loadConfig(BASE).smtpUrl).toBe(SMTP_URL);
  });

  it('short lifetimes, short locks and cheap proof of work only in test mode', () => {
    const cheap = { ...BASE, LOCK_MINUTES: '1', LINK_LIFETIME_SECONDS: '2', ALTCHA_MAX_NUMBER: '10' };
    expect(problems(cheap)).toHaveLength(3);
    expect(problems({ ...cheap, IESS_TEST_MODE: '1' })).toEqual([]);
  });

  it('CORS_ORIGINS takes exact web origins and extension origins, never * or null', () => {
    expect(loadConfig({ ...BASE, CORS_ORIGINS: 'https://www.iess.gob.ec, chrome-extension://abcdefghijklmnop' }).corsOrigins).toEqual([
      'https://www.iess.gob.ec',
      'chrome-extension://abcdefghijklmnop',
    ]);
    expect(problems({ ...BASE, CORS_ORIGINS: 'null' })).toHaveLength(1);
    expect(problems({ ...BASE, CORS_ORIGINS: 'https://www.iess.gob.ec/path' })).toHaveLength(1);
  });

  it('reCAPTCHA needs both keys: one line naming the missing one', () => {
    expect(problems({ ...BASE, CAPTCHA_PROVIDER: 'recaptcha' })).toEqual([
      expect.stringMatching(/^RECAPTCHA_SITE_KEY: obligatoria con CAPTCHA_PROVIDER=recaptcha.*Ejemplo: RECAPTCHA_SITE_KEY=/),
    ]);
    expect(problems({ ...BASE, CAPTCHA_PROVIDER: 'recaptcha', RECAPTCHA_SITE_KEY: 'k' })).toEqual([
      expect.stringMatching(/^RECAPTCHA_SECRET: obligatoria/),
    ]);
  });

  it('migrate and import read only the storage variables', () => {
    expect(loadStorageConfig({ PORT: 'abc', LOG_LEVEL: 'verbose' })).toEqual({
      databaseUrl: undefined,
      dataDir: './.data/pglite',
      databasePoolSize: 10,
      databasePreparedStatements: true,
    });
    expect(() => loadStorageConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
