/** Time as the controller sees it: injectable so tests drive countdowns without waiting (no real timers in tests). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A clock for a shell element, set before it is first connected. Only the element tests use it
 * (test/elements/iess-recuperar-clave-helpers.ts); the package does not export it, so the clock is
 * no part of the element's public surface.
 */
export const shellClocks = new WeakMap<object, Clock>();

/** A clock tests move by hand: `advance(ms)` runs every timer that falls due, in order. */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.parse('2026-01-15T10:00:00.000Z')) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): number {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      let nextId = -1;
      let nextAt = Infinity;
      for (const [id, t] of this.timers) if (t.at <= target && t.at < nextAt) [nextId, nextAt] = [id, t.at];
      if (nextId < 0) break;
      const t = this.timers.get(nextId)!;
      this.timers.delete(nextId);
      this.time = Math.max(this.time, t.at);
      t.fn();
    }
    this.time = target;
  }
  get pendingTimers(): number {
    return this.timers.size;
  }
}
