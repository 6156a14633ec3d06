// The proof-of-work solver, with challenges made here by node:crypto and by the server's own
// library (altcha-lib v1), whose verifySolution must accept our payload.
import { describe, expect, it } from 'vitest';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { altchaPayload, AltchaUnsolvableError, solveAltcha, type AltchaProgress } from '../../widget/captcha/altcha.ts';
import { AltchaChallenge } from '../../widget/api/contract.ts';

function makeChallenge(number: number, maxnumber: number, salt = randomBytes(12).toString('hex')): AltchaChallenge {
  const challenge = createHash('sha256')
    .update(salt + number)
    .digest('hex');
  return {
    algorithm: 'SHA-256',
    challenge,
    salt,
    signature: createHmac('sha256', 'test-key').update(challenge).digest('hex'),
    maxnumber,
  };
}

const decode = (payload: string): unknown => JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));

describe('solveAltcha', () => {
  it('finds the number and builds the payload {algorithm, challenge, number, salt, signature}', async () => {
    const c = makeChallenge(12_345, 50_000);
    const solution = await solveAltcha(c);
    expect(solution.number).toBe(12_345);
    expect(decode(solution.payload)).toEqual({
      algorithm: 'SHA-256',
      challenge: c.challenge,
      number: 12_345,
      salt: c.salt,
      signature: c.signature,
    });
  });

  for (const hasher of ['js', 'webcrypto'] as const) {
    it(`finds 0 and maxnumber (both ends of the range) with the ${hasher} hasher`, async () => {
      expect((await solveAltcha(makeChallenge(0, 10), { hasher })).number).toBe(0);
      expect((await solveAltcha(makeChallenge(2_500, 2_500), { batchSize: 1000, hasher })).number).toBe(2_500);
      expect((await solveAltcha(makeChallenge(777, 5_000, 'sal-larga-'.repeat(10) + '?expires=1800000000'), { hasher })).number).toBe(777);
    });
  }

  it('the server library accepts the payload (altcha-lib v1 verifySolution)', async () => {
    const challenge = await createChallenge({ hmacKey: 'server-secret', maxNumber: 5_000, number: 3_210 });
    const parsed = AltchaChallenge.parse({ ...challenge, maxnumber: challenge.maxnumber ?? 5_000 });
    const solution = await solveAltcha(parsed);
    expect(solution.number).toBe(3_210);
    expect(await verifySolution(solution.payload, 'server-secret')).toBe(true);
    expect(await verifySolution(altchaPayload(parsed, 3_211), 'server-secret')).toBe(false);
  });

  for (const hasher of ['js', 'webcrypto'] as const) {
    it(`reports progress in batches, monotonically, ending at the answer (${hasher})`, async () => {
      const seen: AltchaProgress[] = [];
      await solveAltcha(makeChallenge(4_321, 10_000), { batchSize: 1000, hasher, onProgress: (p) => seen.push(p) });
      expect(seen.map((p) => p.tried)).toEqual([1000, 2000, 3000, 4000, 4322]);
      expect(seen.every((p) => p.max === 10_000)).toBe(true);
    });
  }

  it('yields to the event loop between batches (a timer callback runs while it works)', async () => {
    let ticks = 0;
    const interval = setInterval(() => ticks++, 0);
    try {
      let sawTickMidway = false;
      await solveAltcha(makeChallenge(30_000, 30_000), {
        batchSize: 500,
        onProgress: (p) => {
          if (p.tried > 15_000 && ticks > 0) sawTickMidway = true;
        },
      });
      expect(sawTickMidway).toBe(true);
    } finally {
      clearInterval(interval);
    }
  });

  it('stops when aborted, with the signal’s AbortError', async () => {
    const controller = new AbortController();
    const c = makeChallenge(90_000, 100_000);
    const error = await solveAltcha(c, {
      batchSize: 1000,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.tried >= 3000) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(AltchaUnsolvableError);
  });

  it('an already-aborted signal does no work', async () => {
    const controller = new AbortController();
    controller.abort();
    let progressed = false;
    const error = await solveAltcha(makeChallenge(1, 10), { signal: controller.signal, onProgress: () => (progressed = true) }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
    expect(progressed).toBe(false);
  });

  it('gives up with AltchaUnsolvableError when no number in range matches', async () => {
    const c = makeChallenge(5_000, 4_999);
    await expect(solveAltcha(c)).rejects.toBeInstanceOf(AltchaUnsolvableError);
    await expect(solveAltcha(c, { hasher: 'webcrypto' })).rejects.toBeInstanceOf(AltchaUnsolvableError);
    await expect(solveAltcha({ ...c, challenge: 'zz' })).rejects.toBeInstanceOf(AltchaUnsolvableError);
  });

  it('the fast path’s answer must be confirmed by Web Crypto', async () => {
    const digest = crypto.subtle.digest;
    try {
      // A Web Crypto that disagrees with everything: the fast path's match is not trusted alone.
      Object.defineProperty(crypto.subtle, 'digest', {
        value: async () => new ArrayBuffer(32),
        configurable: true,
      });
      await expect(solveAltcha(makeChallenge(42, 100))).rejects.toBeInstanceOf(AltchaUnsolvableError);
    } finally {
      Object.defineProperty(crypto.subtle, 'digest', { value: digest, configurable: true });
    }
    expect((await solveAltcha(makeChallenge(42, 100))).number).toBe(42);
  });

  it('measures tookMs with the given clock', async () => {
    let t = 1000;
    const solution = await solveAltcha(makeChallenge(5, 10), { now: () => (t += 7) });
    expect(solution.tookMs).toBe(7);
  });

  it('payload is UTF-8 safe base64', () => {
    const payload = altchaPayload({ ...makeChallenge(1, 10), salt: 'sal-ñ-✓' }, 1);
    expect((decode(payload) as { salt: string }).salt).toBe('sal-ñ-✓');
  });
});
