/**
 * A tiny solver for the ALTCHA proof of work (SHA-256, the v1 challenge format the contract's
 * AltchaChallenge describes): find n in [0, maxnumber] with hex(sha256(salt + n)) === challenge,
 * then hand the server base64(JSON {algorithm, challenge, number, salt, signature}).
 *
 * Why not the `altcha` widget package: ~50 KB gzip, more than our whole widget budget
 * (toolchain.md §13). This uses Web Crypto (`crypto.subtle.digest`, in browsers and Node 20),
 * hashes a batch of candidates concurrently (the digests run off the main thread in browsers),
 * yields to the event loop between batches so the page stays responsive, reports progress and
 * stops when the AbortSignal fires. No workers, no eval: strict-CSP safe (CS-02, CS-10).
 */
import type { AltchaChallenge } from '../api/contract.ts';

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

export async function solveAltcha(challenge: AltchaChallenge, options: SolveAltchaOptions = {}): Promise<AltchaSolution> {
  const { signal, onProgress, batchSize = 1000 } = options;
  const now = options.now ?? (() => performance.now());
  signal?.throwIfAborted();
  if (challenge.algorithm !== 'SHA-256') throw new AltchaUnsolvableError(`Unsupported algorithm ${String(challenge.algorithm)}`);
  const target = hexToBytes(challenge.challenge);
  if (target === undefined || target.length !== 32) throw new AltchaUnsolvableError('The challenge is not a SHA-256 hex digest');

  const started = now();
  const encoder = new TextEncoder();
  const max = challenge.maxnumber;
  const digest = async (n: number): Promise<boolean> =>
    sameBytes(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n))), target);

  for (let first = 0; first <= max; first += batchSize) {
    const last = Math.min(first + batchSize - 1, max);
    const batch: Promise<boolean>[] = [];
    for (let n = first; n <= last; n++) batch.push(digest(n));
    const hits = await Promise.all(batch);
    const index = hits.indexOf(true);
    if (index >= 0) {
      const number = first + index;
      const tookMs = Math.max(0, now() - started);
      onProgress?.({ tried: number + 1, max });
      return { number, payload: altchaPayload(challenge, number), tookMs };
    }
    onProgress?.({ tried: last + 1, max });
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  throw new AltchaUnsolvableError('No number in range solves the challenge');
}
