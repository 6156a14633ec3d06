/**
 * ALTCHA proof of work, v1 challenge format (SS-03): challenge = hex sha256(salt + number),
 * signature = hex HMAC-SHA256(key, challenge), the solved payload is base64(JSON {algorithm,
 * challenge, number, salt, signature}). The expiry travels inside the salt (`?expires=`), so it is
 * covered by the signature.
 */
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import type { AltchaChallenge } from '../../widget/api/contract.ts';
import type { Clock } from '../ports.ts';
import { safeEqualHex } from '../crypto/tokens.ts';
import type { CaptchaVerifier, ReplayStore } from './captcha.ts';

export interface AltchaOptions {
  hmacKey: string;
  maxNumber: number;
  lifetimeSeconds: number;
  clock: Clock;
  replay: ReplayStore;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function createAltchaChallenge(o: Pick<AltchaOptions, 'hmacKey' | 'maxNumber' | 'lifetimeSeconds' | 'clock'>): AltchaChallenge {
  const expires = Math.floor(o.clock.now().getTime() / 1000) + o.lifetimeSeconds;
  const salt = `${randomBytes(12).toString('hex')}?expires=${expires}`;
  const number = randomInt(0, o.maxNumber + 1);
  const challenge = sha256(salt + number);
  const signature = createHmac('sha256', o.hmacKey).update(challenge).digest('hex');
  return { algorithm: 'SHA-256', challenge, salt, signature, maxnumber: o.maxNumber };
}

/** Brute-forces a challenge the way the client does (tests, benchmark). */
export function solveAltcha(c: AltchaChallenge): string {
  for (let n = 0; n <= c.maxnumber; n++) {
    if (sha256(c.salt + n) === c.challenge) {
      return Buffer.from(
        JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature }),
      ).toString('base64');
    }
  }
  throw new Error('unsolvable challenge');
}

export function createAltchaVerifier(o: AltchaOptions): CaptchaVerifier {
  return {
    info: { provider: 'altcha' },
    challenge: () => createAltchaChallenge(o),
    async verify(proof) {
      let p: { algorithm?: unknown; challenge?: unknown; number?: unknown; salt?: unknown; signature?: unknown };
      try {
        p = JSON.parse(Buffer.from(proof, 'base64').toString('utf8'));
      } catch {
        return false;
      }
      if (p === null || typeof p !== 'object') return false;
      const { algorithm, challenge, number, salt, signature } = p;
      if (algorithm !== 'SHA-256' || typeof challenge !== 'string' || typeof salt !== 'string' || typeof signature !== 'string')
        return false;
      if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > o.maxNumber) return false;
      const expires = Number(/[?&]expires=(\d{1,12})(?:&|$)/.exec(salt)?.[1]);
      if (!Number.isFinite(expires) || expires * 1000 <= o.clock.now().getTime()) return false;
      if (!safeEqualHex(sha256(salt + number), challenge)) return false;
      if (!safeEqualHex(createHmac('sha256', o.hmacKey).update(challenge).digest('hex'), signature)) return false;
      return o.replay.markUsed(signature, new Date(expires * 1000));
    },
  };
}
