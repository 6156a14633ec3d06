/**
 * The page's wall clock: moved ahead when the suite runs with TEST_CLOCK_AHEAD_DAYS (npm test runs
 * the element tests once a year ahead; test/clock/clock-ahead.js). Checks the move happened, or not.
 */
import { expect } from '@esm-bundle/chai';

declare global {
  interface Window {
    __clockAheadDays?: number;
  }
}

describe('the wall clock of this page', () => {
  it('is moved ahead exactly as asked, in Date.now(), new Date() and Date()', () => {
    const aheadMs = (window.__clockAheadDays ?? 0) * 86_400_000;
    const machine = performance.timeOrigin + performance.now();
    expect(Math.abs(Date.now() - machine - aheadMs)).to.be.lessThan(60_000);
    expect(Math.abs(new Date().getTime() - machine - aheadMs)).to.be.lessThan(60_000);
    expect(Math.abs(Date.parse(Date()) - machine - aheadMs)).to.be.lessThan(60_000);
    expect(new Date('2026-11-22T10:00:00.000Z').toISOString()).to.equal('2026-11-22T10:00:00.000Z');
  });
});
