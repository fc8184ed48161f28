/**
 * A circuit breaker per provider: after `threshold` failures in a row the provider is
 * skipped for `cooldownMs`; then one trial request may go through (half-open), and a
 * success closes the circuit again. The clock is a parameter, so it is easy to test.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  #failures = 0;
  #openedAt: number | undefined;
  #trialInFlight = false;

  constructor(options: { threshold: number; cooldownMs: number } = { threshold: 5, cooldownMs: 30_000 }) {
    this.#threshold = options.threshold;
    this.#cooldownMs = options.cooldownMs;
  }

  state(now: number): 'closed' | 'open' | 'half-open' {
    if (this.#openedAt === undefined) return 'closed';
    return now - this.#openedAt >= this.#cooldownMs ? 'half-open' : 'open';
  }

  /** When the provider may be tried again: now when closed, at the end of the cool-down when open. */
  retryAt(now: number): number {
    if (this.#openedAt === undefined) return now;
    return Math.max(now, this.#openedAt + this.#cooldownMs);
  }

  /** Whether a half-open circuit's one trial is out (others must wait for it). */
  get trialInFlight(): boolean {
    return this.#trialInFlight;
  }

  /** Whether a request may be sent now; in half-open state only one trial at a time. */
  allow(now: number): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open' || this.#trialInFlight) return false;
    this.#trialInFlight = true;
    return true;
  }

  success(): void {
    this.#failures = 0;
    this.#openedAt = undefined;
    this.#trialInFlight = false;
  }

  failure(now: number): void {
    this.#failures += 1;
    this.#trialInFlight = false;
    if (this.#openedAt !== undefined || this.#failures >= this.#threshold) this.#openedAt = now;
  }
}
