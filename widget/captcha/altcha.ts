/**
 * A tiny solver for the ALTCHA proof of work (SHA-256, the v1 challenge format the contract's
 * AltchaChallenge describes): find n in [0, maxnumber] with hex(sha256(salt + n)) === challenge,
 * then hand the server base64(JSON {algorithm, challenge, number, salt, signature}).
 *
 * Why not the `altcha` widget package: ~50 KB gzip, more than our whole widget budget
 * (docs/widget-shell.md). The search runs a compact allocation-free SHA-256 (sha256.ts; one
 * `crypto.subtle.digest` call per candidate is ~10× slower, bench/captcha.mjs) and confirms the
 * answer with Web Crypto (`crypto.subtle.digest`, browsers and Node 20); `hasher: 'webcrypto'`
 * searches with Web Crypto alone. It yields to the event loop every `batchSize` (1000)
 * candidates so the page stays responsive, reports progress and stops when the AbortSignal fires.
 * No workers, no eval: strict-CSP safe (CS-02, CS-10).
 */
import type { AltchaChallenge } from '../api/contract.ts';
import { sha256Matcher } from './sha256.ts';

export interface AltchaProgress {
  /** Candidates tried so far. */
  readonly tried: number;
  /** The largest candidate (the search space is 0..max). */
  readonly max: number;
}

export interface SolveAltchaOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AltchaProgress) => void;
  /** Candidates hashed between two yields to the event loop. */
  batchSize?: number;
  /** The clock used for `tookMs` (tests pass a fake one). */
  now?: () => number;
  /**
   * `js` (default): the allocation-free SHA-256 of sha256.ts, ~10× faster, its answer confirmed
   * with Web Crypto; `webcrypto`: `crypto.subtle.digest` for every candidate.
   */
  hasher?: 'js' | 'webcrypto';
}

export interface AltchaSolution {
  readonly number: number;
  /** What goes into StartFlowRequest.captcha. */
  readonly payload: string;
  readonly tookMs: number;
}

/** The base64 payload the server verifies; UTF-8 safe (btoa alone is Latin-1 only). */
export function altchaPayload(challenge: AltchaChallenge, number: number): string {
  const json = JSON.stringify({
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number,
    salt: challenge.salt,
    signature: challenge.signature,
  });
  let binary = '';
  for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function hexToBytes(hex: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A macrotask turn (no 4 ms timer clamping): scheduler.yield where it exists, else a MessageChannel. */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Thrown when the whole range was searched without a match (a wrong or tampered challenge). */
export class AltchaUnsolvableError extends Error {
  override readonly name = 'AltchaUnsolvableError';
}

/** Web Crypto's verdict on one candidate (used to confirm, and as the fallback search). */
async function webCryptoMatches(salt: string, n: number, target: Uint8Array): Promise<boolean> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(salt + n));
  return sameBytes(new Uint8Array(digest), target);
}

export async function solveAltcha(challenge: AltchaChallenge, options: SolveAltchaOptions = {}): Promise<AltchaSolution> {
  const { signal, onProgress, batchSize = 1000, hasher = 'js' } = options;
  const now = options.now ?? (() => performance.now());
  signal?.throwIfAborted();
  if (challenge.algorithm !== 'SHA-256') throw new AltchaUnsolvableError(`Unsupported algorithm ${String(challenge.algorithm)}`);
  const target = hexToBytes(challenge.challenge);
  const matcher = sha256Matcher(challenge.salt, challenge.challenge);
  if (target === undefined || target.length !== 32 || matcher === undefined) {
    throw new AltchaUnsolvableError('The challenge is not a SHA-256 hex digest');
  }

  const started = now();
  const max = challenge.maxnumber;
  const solved = (number: number): AltchaSolution => {
    onProgress?.({ tried: number + 1, max });
    return { number, payload: altchaPayload(challenge, number), tookMs: Math.max(0, now() - started) };
  };

  if (hasher === 'js') {
    for (let first = 0; first <= max; first += batchSize) {
      const last = Math.min(first + batchSize - 1, max);
      for (let n = first; n <= last; n++) {
        // Web Crypto has the last word: a wrong answer from the fast path falls through to it.
        if (matcher(n) && (await webCryptoMatches(challenge.salt, n, target))) return solved(n);
      }
      onProgress?.({ tried: last + 1, max });
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
    throw new AltchaUnsolvableError('No number in range solves the challenge');
  }

  // Web Crypto only: a batch of digests in flight at once (they run off the main thread).
  for (let first = 0; first <= max; first += batchSize) {
    const last = Math.min(first + batchSize - 1, max);
    const batch: Promise<boolean>[] = [];
    for (let n = first; n <= last; n++) batch.push(webCryptoMatches(challenge.salt, n, target));
    const index = (await Promise.all(batch)).indexOf(true);
    if (index >= 0) return solved(first + index);
    onProgress?.({ tried: last + 1, max });
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  throw new AltchaUnsolvableError('No number in range solves the challenge');
}
