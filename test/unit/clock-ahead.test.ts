/**
 * The wall clock the suites run under: moved ahead by TEST_CLOCK_AHEAD_DAYS (npm test runs the
 * unit and element tests once a year ahead, so a test that judges a fixed fixture date by the real
 * clock fails now, not on the day that date passes). Checks the move happened, or did not.
 */
import { describe, expect, it } from 'vitest';

const aheadMs = Number(process.env['TEST_CLOCK_AHEAD_DAYS'] ?? 0) * 86_400_000;

describe('the wall clock of this run', () => {
  it(`is ${aheadMs / 86_400_000} days ahead of the machine's, in Date.now(), new Date() and Date()`, () => {
    const machine = performance.timeOrigin + performance.now();
    expect(Math.abs(Date.now() - machine - aheadMs)).toBeLessThan(60_000);
    expect(Math.abs(new Date().getTime() - machine - aheadMs)).toBeLessThan(60_000);
    expect(Math.abs(Date.parse(Date()) - machine - aheadMs)).toBeLessThan(60_000);
  });

  it('keeps dates given explicitly as they are', () => {
    expect(new Date('2026-11-22T10:00:00.000Z').toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(new Date(0).getTime()).toBe(0);
    expect(new Date() instanceof Date).toBe(true);
  });
});
