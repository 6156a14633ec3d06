/** Small ports injected into use cases, so tests can control time and count work. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand (no real waiting, no timed assertions). */
export class FakeClock implements Clock {
  #t: number;
  constructor(start: Date | string = '2026-01-15T15:00:00.000Z') {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): void {
    this.#t += ms;
  }
}
