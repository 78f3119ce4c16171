/**
 * Slows down password guessing per account name: after a few failures in a row, each
 * further attempt on that name must wait, doubling up to a limit. Names that do not exist
 * are throttled the same way, so the answer does not tell which accounts exist. The state
 * is in memory, per server process (the per-address rate limit on the login route adds to it).
 */

export interface ThrottleOptions {
  /** Failures allowed before waiting starts (default 5). */
  freeFailures?: number;
  /** First wait, doubled at each further failure (default 1 s). */
  baseDelayMs?: number;
  /** Longest wait (default 15 min). */
  maxDelayMs?: number;
  /** Names remembered at most (default 10,000): the oldest are forgotten first. */
  maxNames?: number;
  now?: () => number;
}

interface State {
  failures: number;
  lockedUntil: number;
}

export class LoginThrottle {
  readonly #states = new Map<string, State>();
  readonly #free: number;
  readonly #base: number;
  readonly #max: number;
  readonly #maxNames: number;
  readonly #now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.#free = options.freeFailures ?? 5;
    this.#base = options.baseDelayMs ?? 1000;
    this.#max = options.maxDelayMs ?? 15 * 60_000;
    this.#maxNames = options.maxNames ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Milliseconds to wait before `name` may try again (0: now). */
  waitFor(name: string): number {
    const state = this.#states.get(name.toLowerCase());
    if (!state) return 0;
    return Math.max(0, state.lockedUntil - this.#now());
  }

  failed(name: string): void {
    const key = name.toLowerCase();
    const state = this.#states.get(key) ?? { failures: 0, lockedUntil: 0 };
    state.failures++;
    if (state.failures >= this.#free) {
      const delay = Math.min(this.#max, this.#base * 2 ** (state.failures - this.#free));
      state.lockedUntil = this.#now() + delay;
    }
    this.#states.delete(key);
    this.#states.set(key, state);
    if (this.#states.size > this.#maxNames) {
      const oldest = this.#states.keys().next().value;
      if (oldest !== undefined) this.#states.delete(oldest);
    }
  }

  succeeded(name: string): void {
    this.#states.delete(name.toLowerCase());
  }
}
