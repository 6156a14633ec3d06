/**
 * reCAPTCHA v2 verifier (the provider IESS uses today) behind the same interface. Fails closed on
 * timeout, HTTP errors, non-JSON, success=false, an unexpected hostname or a stale challenge_ts.
 * The siteverify URL is configurable so tests point it at a local fake.
 */
import type { Clock } from '../ports.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { CaptchaVerifier, ReplayStore } from './captcha.ts';

export interface RecaptchaOptions {
  siteKey: string;
  secret: string;
  verifyUrl: string;
  hostnames: string[];
  clock: Clock;
  replay: ReplayStore;
  timeoutMs?: number;
}

const MAX_TOKEN_AGE_MS = 2 * 60_000;

export function createRecaptchaVerifier(o: RecaptchaOptions): CaptchaVerifier {
  return {
    info: { provider: 'recaptcha', siteKey: o.siteKey },
    challenge() {
      throw new Error('reCAPTCHA no usa desafíos del servidor');
    },
    async verify(token, remoteIp) {
      try {
        const res = await fetch(o.verifyUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ secret: o.secret, response: token, remoteip: remoteIp }),
          signal: AbortSignal.timeout(o.timeoutMs ?? 5000),
        });
        if (!res.ok) return false;
        const body = (await res.json()) as { success?: unknown; hostname?: unknown; challenge_ts?: unknown };
        if (body.success !== true) return false;
        if (o.hostnames.length && !o.hostnames.includes(String(body.hostname))) return false;
        const ts = Date.parse(String(body.challenge_ts));
        const now = o.clock.now().getTime();
        if (!Number.isFinite(ts) || now - ts > MAX_TOKEN_AGE_MS || ts - now > 60_000) return false;
        // Google also refuses a second verification; we do not rely on it.
        return o.replay.markUsed('recaptcha:' + sha256Hex(token), new Date(now + MAX_TOKEN_AGE_MS));
      } catch {
        return false;
      }
    },
  };
}
