/**
 * failureOf: what the flow machine learns from a thrown value. An adapter written beside the
 * one-script embed cannot import our RecoveryApiError class, so a same-named error is understood.
 */
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../widget/flow/controller.ts';
import { RecoveryApiError } from '../../widget/api/recovery-api.ts';

describe('failureOf', () => {
  it('reads our own RecoveryApiError with its details', () => {
    const problem = {
      type: 'urn:iess-clave:problem:verification-failed',
      title: 'x',
      status: 422,
      now: '2026-11-22T10:00:00.000Z',
      attemptsLeft: 2,
    };
    expect(failureOf(new RecoveryApiError('verification-failed', { status: 422, problem }))).toEqual({
      kind: 'verification-failed',
      attemptsLeft: 2,
      now: '2026-11-22T10:00:00.000Z',
    });
  });

  it("reads another copy's RecoveryApiError by name and kind, type-checking each field", () => {
    class RecoveryApiErrorCopy extends Error {
      override name = 'RecoveryApiError';
      kind = 'locked';
      lockedUntil = '2026-11-22T12:00:00.000Z';
      attemptsLeft = 'cero'; // wrong type: dropped
    }
    expect(failureOf(new RecoveryApiErrorCopy())).toEqual({ kind: 'locked', lockedUntil: '2026-11-22T12:00:00.000Z' });
  });

  it('an unknown kind from an adapter reads as a server failure; anything else as no answer', () => {
    expect(failureOf({ name: 'RecoveryApiError', kind: 'galaxy-exploded' })).toEqual({ kind: 'server' });
    expect(failureOf(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(failureOf({ name: 'Other', kind: 'locked' })).toEqual({ kind: 'network' });
  });
});
