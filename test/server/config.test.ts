/** Configuration from the environment: defaults, one clear message per bad value, test-mode floors. */
import { describe, expect, it } from 'vitest';
import { loadConfig, type ConfigError } from '../../server/config.ts';

const SECRET = 'x'.repeat(40);
const SMTP_URL = 'smtp://127.0.0.1:2525';
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('configuration', () => {
  it('defaults match the protocol: 5 attempts, 3-minute links, 12–128 code points', () => {
    const c = loadConfig({ SECRET, SMTP_URL });
    expect(c.limits).toMatchObject({ maxAttempts: 5, linkLifetimeSeconds: 180, minSecurityQuestions: 3, flowLifetimeSeconds: 900 });
    expect(c.policy).toEqual({ minLength: 12, maxLength: 128, blocklist: true, contextWords: true });
    expect(c.port).toBe(8080);
    expect(c.activationUrl).toBe('http://127.0.0.1:8080/activar');
    expect(c.captcha.provider).toBe('altcha');
  });

  it('lists every bad value with its own message', () => {
    const p = problems({ PORT: 'abc', LOCK_MINUTES: '1', CORS_ORIGINS: 'https://a.ec,*', CAPTCHA_PROVIDER: 'hcaptcha', ACTIVATION_URL: 'http://iess.gob.ec/activar' });
    expect(p.find((m) => m.startsWith('PORT='))).toContain('número entero');
    expect(p.find((m) => m.startsWith('LOCK_MINUTES='))).toContain('al menos 15');
    expect(p.some((m) => m.startsWith('CORS_ORIGINS='))).toBe(true);
    expect(p.some((m) => m.startsWith('CAPTCHA_PROVIDER='))).toBe(true);
    expect(p.some((m) => m.startsWith('ACTIVATION_URL: debe usar https://'))).toBe(true);
    expect(p.some((m) => m.startsWith('SECRET'))).toBe(true);
  });

  it('SMTP_URL is required outside --demo and test mode (no /dev/inbox with live links in a deployment)', () => {
    expect(problems({ SECRET }).some((m) => m.startsWith('SMTP_URL: obligatorio'))).toBe(true);
    expect(problems({ IESS_DEMO: '1' })).toEqual([]);
    expect(problems({ IESS_TEST_MODE: '1' })).toEqual([]);
    expect(loadConfig({ SECRET, SMTP_URL }).smtpUrl).toBe(SMTP_URL);
  });

  it('short lifetimes, short locks and cheap proof of work only in test mode', () => {
    const cheap = { SECRET, SMTP_URL, LOCK_MINUTES: '1', LINK_LIFETIME_SECONDS: '2', ALTCHA_MAX_NUMBER: '10' };
    expect(problems(cheap)).toHaveLength(3);
    expect(problems({ ...cheap, IESS_TEST_MODE: '1' })).toEqual([]);
  });

  it('CORS_ORIGINS takes exact web origins and extension origins, never * or null', () => {
    expect(loadConfig({ SECRET, SMTP_URL, CORS_ORIGINS: 'https://www.iess.gob.ec, chrome-extension://abcdefghijklmnop' }).corsOrigins).toEqual(['https://www.iess.gob.ec', 'chrome-extension://abcdefghijklmnop']);
    expect(problems({ SECRET, SMTP_URL, CORS_ORIGINS: 'null' })).toHaveLength(1);
    expect(problems({ SECRET, SMTP_URL, CORS_ORIGINS: 'https://www.iess.gob.ec/path' })).toHaveLength(1);
  });

  it('reCAPTCHA needs its keys', () => {
    expect(problems({ SECRET, SMTP_URL, CAPTCHA_PROVIDER: 'recaptcha' })).toEqual(['CAPTCHA_PROVIDER=recaptcha requiere RECAPTCHA_SITE_KEY y RECAPTCHA_SECRET']);
  });
});
