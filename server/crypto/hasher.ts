/**
 * argon2id for passwords and security answers (SS-10, SS-19): m=19456 KiB, t=2, p=1, with a
 * bounded number of hashes in flight so a burst cannot exhaust memory. Injected as a port so
 * tests can count operations (SS-04: same number of hash operations on every branch).
 */
import { hash, verify } from '@node-rs/argon2';
import { Semaphore } from '../db/mutex.ts';

export interface Hasher {
  hash(plain: string): Promise<string>;
  verify(phc: string, plain: string): Promise<boolean>;
  /** Operations running and queued now: metrics, and the queue's bound (ARGON2_MAX_WAITING). */
  stats(): { inFlight: number; waiting: number };
}

// 2 is Algorithm.Argon2id (a const enum, which isolatedModules cannot read).
export const ARGON2_PARAMS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function createArgon2Hasher(concurrency: number): Hasher {
  const gate = new Semaphore(concurrency);
  return {
    hash: (plain) => gate.run(() => hash(plain, ARGON2_PARAMS)),
    verify: (phc, plain) =>
      gate.run(async () => {
        try {
          return await verify(phc, plain);
        } catch {
          return false;
        }
      }),
    stats: () => gate.stats,
  };
}
