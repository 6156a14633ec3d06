/** A FIFO mutex: PGlite has one connection, so transactions must never interleave. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

/** Bounds how many async jobs run at once (argon2 hashing). */
export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  readonly #size: number;
  constructor(size: number) {
    this.#free = size;
    this.#size = size;
  }
  /** Jobs running now and jobs queued for a slot (metrics). */
  get stats(): { inFlight: number; waiting: number } {
    return { inFlight: this.#size - this.#free, waiting: this.#waiting.length };
  }
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((r) => this.#waiting.push(r));
    try {
      return await job();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
