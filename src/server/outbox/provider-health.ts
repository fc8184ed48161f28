export interface HealthRule {
  /** The window looked at, e.g. the last 15 minutes. */
  windowMs: number;
  /** A send slower than this counts as slow. */
  slowMs: number;
  /** Share of slow or failed sends in the window from which the provider goes to the back. */
  share: number;
  /** Fewer sends than this in the window say nothing yet. */
  minSamples: number;
}

/**
 * After GOV.UK Notify's rule (a provider goes to the back when at least 15 % of its texts in
 * the last 15 minutes took longer than 5 minutes). We see the time until the provider
 * accepts a message, not until the phone has it, so the slow mark is 10 seconds; a
 * transient failure counts as slow too.
 */
export const DEFAULT_HEALTH_RULE: HealthRule = { windowMs: 15 * 60_000, slowMs: 10_000, share: 0.15, minSamples: 20 };

/** Sends of one provider in a sliding window, and whether it should be tried after the others. */
export class ProviderHealth {
  readonly #rule: HealthRule;
  // Counts per second, oldest first: [second, sends, bad sends]. A busy provider sends
  // hundreds a second; a bucket per second keeps the window small and cheap to prune.
  #buckets: Array<[number, number, number]> = [];
  #sends = 0;
  #bad = 0;

  constructor(rule: HealthRule = DEFAULT_HEALTH_RULE) {
    this.#rule = rule;
  }

  /** Records one send: how long it took, and whether it succeeded (permanent refusals count as success here). */
  record(now: number, latencyMs: number, ok: boolean): void {
    const bad = !ok || latencyMs > this.#rule.slowMs ? 1 : 0;
    const second = Math.floor(now / 1000);
    const last = this.#buckets.at(-1);
    if (last && last[0] === second) {
      last[1] += 1;
      last[2] += bad;
    } else {
      this.#buckets.push([second, 1, bad]);
    }
    this.#sends += 1;
    this.#bad += bad;
    this.#prune(now);
  }

  #prune(now: number): void {
    const oldest = Math.floor((now - this.#rule.windowMs) / 1000);
    let drop = 0;
    for (const [second, sends, bad] of this.#buckets) {
      if (second > oldest) break;
      this.#sends -= sends;
      this.#bad -= bad;
      drop += 1;
    }
    if (drop > 0) this.#buckets.splice(0, drop);
  }

  /** Share of slow or failed sends in the window, and how many sends it holds. */
  stats(now: number): { samples: number; badShare: number } {
    this.#prune(now);
    return { samples: this.#sends, badShare: this.#sends === 0 ? 0 : this.#bad / this.#sends };
  }

  /** Whether the rule puts this provider behind the healthy ones. */
  deprioritised(now: number): boolean {
    const { samples, badShare } = this.stats(now);
    return samples >= this.#rule.minSamples && badShare >= this.#rule.share;
  }
}
