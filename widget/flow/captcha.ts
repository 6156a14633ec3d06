/**
 * "No soy un robot": solves an ALTCHA v1 proof of work (find n with SHA-256(salt + n) = challenge)
 * and returns the base64 payload for `StartFlowRequest.captcha`. Web Crypto only, no worker, no
 * inline code (CS-02, CS-10). Yields to the page every batch so typing stays smooth.
 * TODO(core): switch to widget/captcha/altcha.ts when it lands.
 */
import type { AltchaChallenge } from '../api/contract.ts';

const hex = (buf: ArrayBuffer): string => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

export async function solveAltchaPayload(c: AltchaChallenge, signal?: AbortSignal): Promise<string> {
  const enc = new TextEncoder();
  const BATCH = 500;
  for (let start = 0; start <= c.maxnumber; start += BATCH) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    const end = Math.min(c.maxnumber, start + BATCH - 1);
    const hashes = [];
    for (let n = start; n <= end; n++) hashes.push(crypto.subtle.digest('SHA-256', enc.encode(c.salt + n)));
    const results = await Promise.all(hashes);
    const i = results.findIndex((h) => hex(h) === c.challenge);
    if (i >= 0) {
      const payload = { algorithm: c.algorithm, challenge: c.challenge, number: start + i, salt: c.salt, signature: c.signature };
      return btoa(JSON.stringify(payload));
    }
  }
  throw new Error('captcha-unsolvable');
}
