/**
 * Runs at most `concurrency` password hashes at once (each scrypt hash takes 128 MiB), and
 * refuses work beyond `maxQueued` waiting ones, so a burst of logins cannot exhaust memory.
 */
export class HashLimiter {
  readonly #concurrency: number;
  readonly #maxQueued: number;
  #running = 0;
  readonly #queue: Array<() => void> = [];

  constructor(concurrency: number, maxQueued: number) {
    this.#concurrency = concurrency;
    this.#maxQueued = maxQueued;
  }

  /** Runs `work` when a slot is free; resolves to `undefined` at once when too many wait. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.#running >= this.#concurrency) {
      if (this.#queue.length >= this.#maxQueued) return undefined;
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.#queue.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}
