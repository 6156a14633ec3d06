// Runs the suites with the wall clock moved ahead (TEST_CLOCK_AHEAD_DAYS in Node, the
// `clock-ahead` query in the browser page), so a test that reads the real clock against a fixed
// fixture date fails now rather than on the day that date passes. Only `Date` moves: timers,
// `performance.now()` and the flow's injected clocks are untouched, and time keeps running.
// Plain JavaScript: loaded as is by Vitest's setup and by web-test-runner's test page.

/** Replaces the global Date with one `days` ahead; `new Date(x)`, `Date.parse`, `Date.UTC` are unchanged. */
export function moveClockAhead(days) {
  const RealDate = globalThis.Date;
  if (!Number.isFinite(days) || days === 0 || RealDate.__aheadMs) return;
  const aheadMs = days * 86_400_000;
  class AheadDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + aheadMs);
      else super(...args);
    }
    static now() {
      return RealDate.now() + aheadMs;
    }
  }
  Object.defineProperty(AheadDate, '__aheadMs', { value: aheadMs });
  // `Date()` called without `new` gives the (moved) time as a string, as the real one does.
  const callable = new Proxy(AheadDate, { apply: () => new AheadDate().toString() });
  globalThis.Date = callable;
}
