/**
 * Cached dependency checks for `/ready` and `/metrics`. Each check has its own timeout and a
 * maximum age; a stale check is refreshed by whoever asks, at most one run per dependency at a time
 * (single flight), and a reader waits for it only a bounded time. So `/ready` answers within its
 * wait bound whatever a dependency does (an SMTP server that accepts and never answers included),
 * and any number of probes costs at most one check per dependency per maximum age.
 * Real traffic reports too: a request that failed because a dependency is down marks it down at once.
 */

export type DependencyName = 'database' | 'redis' | 'smtp';

export interface DependencyCheck {
  name: DependencyName;
  run(): Promise<boolean>;
  timeoutMs: number;
  /** How long a result is trusted before the next reader refreshes it. */
  maxAgeMs: number;
}

interface State {
  check: DependencyCheck;
  up: boolean;
  /** performance.now() of the last result; -Infinity before the first. */
  at: number;
  running: Promise<void> | undefined;
}

/** Resolves with run()'s answer, or false once timeoutMs has passed (the run is left to finish alone). */
export function withTimeout(run: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
    run().then(
      (ok) => {
        clearTimeout(timer);
        resolve(ok);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

export class DependencyMonitor {
  readonly #states = new Map<DependencyName, State>();
  readonly #now: () => number;

  constructor(checks: readonly DependencyCheck[], now: () => number = () => performance.now()) {
    this.#now = now;
    for (const check of checks) this.#states.set(check.name, { check, up: false, at: Number.NEGATIVE_INFINITY, running: undefined });
  }

  get names(): DependencyName[] {
    return [...this.#states.keys()];
  }

  /** Runs every check now (at start, so the first probe has real answers). */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.#states.values()].map((s) => this.#refresh(s)));
  }

  /**
   * The latest known state of each dependency, refreshing the stale ones first but waiting for
   * them at most waitMs (a dependency that has never answered counts as down).
   */
  async read(waitMs: number): Promise<Record<DependencyName, boolean>> {
    const now = this.#now();
    const pending = [...this.#states.values()].filter((s) => now - s.at >= s.check.maxAgeMs).map((s) => this.#refresh(s));
    if (pending.length) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(pending), new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
    }
    return this.snapshot();
  }

  /** The cached states, no I/O. */
  snapshot(): Record<DependencyName, boolean> {
    return Object.fromEntries([...this.#states].map(([name, s]) => [name, s.up])) as Record<DependencyName, boolean>;
  }

  /** A request failed because this dependency is down: believe it until the next check. */
  reportDown(name: DependencyName): void {
    const s = this.#states.get(name);
    if (s) {
      s.up = false;
      s.at = this.#now();
    }
  }

  /** A request just used this dependency successfully. */
  reportUp(name: DependencyName): void {
    const s = this.#states.get(name);
    if (s) {
      s.up = true;
      s.at = this.#now();
    }
  }

  #refresh(s: State): Promise<void> {
    s.running ??= withTimeout(() => s.check.run(), s.check.timeoutMs).then((up) => {
      s.up = up;
      s.at = this.#now();
      s.running = undefined;
    });
    return s.running;
  }
}
