import { z } from 'zod';
import { nullableInteger, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

const tokensRow = z.object({ tokens: z.union([z.number(), z.string()]).transform(Number) });
const openRow = z.object({ provider: text, open_until: nullableInteger });

/** What the workers of one store share about each provider (see ProviderPool). */
export interface SharedProviderState {
  /** Reserves one send slot of `provider` at `perSecond` for every worker together; returns how long to wait (ms). */
  reserve(provider: string, perSecond: number, now: number): Promise<number>;
  /** Opens the provider's circuit for every worker until `until`. */
  open(provider: string, until: number): Promise<void>;
  /** Closes it again (a send went through). */
  close(provider: string): Promise<void>;
  /** Providers whose circuit is open now, with when they may be tried again. */
  openCircuits(now: number): Promise<Map<string, number>>;
}

/**
 * Rate limits and open circuits per provider in the store, so four workers on four machines
 * together stay within a provider's limit and stop sending to a provider together. The rate
 * limit is a token bucket holding at most one token: sends are spaced evenly, and each
 * reservation is one atomic UPDATE.
 */
export class ProviderStateStore implements SharedProviderState {
  readonly #sql: Sql;
  readonly #known = new Set<string>();

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async #ensure(provider: string, now: number): Promise<void> {
    if (this.#known.has(provider)) return;
    await this.#sql.run(
      'INSERT INTO provider_state (provider, tokens, refilled_at) VALUES ($1, 1, $2) ON CONFLICT (provider) DO NOTHING',
      [provider, now],
    );
    this.#known.add(provider);
  }

  async reserve(provider: string, perSecond: number, now: number): Promise<number> {
    await this.#ensure(provider, now);
    // Tokens grow by perSecond per second up to one; a reservation takes one, going below
    // zero when the slot lies in the future (the caller waits for it).
    const grown = `tokens + (CASE WHEN $2 > refilled_at THEN $2 - refilled_at ELSE 0 END) * CAST($3 AS DOUBLE PRECISION) / 1000.0`;
    const row = await this.#sql.get(
      tokensRow,
      `UPDATE provider_state SET tokens = (CASE WHEN ${grown} > 1 THEN 1 ELSE ${grown} END) - 1,
         refilled_at = CASE WHEN $2 > refilled_at THEN $2 ELSE refilled_at END
       WHERE provider = $1 RETURNING tokens`,
      [provider, now, perSecond],
    );
    const tokens = row?.tokens ?? 0;
    return tokens >= 0 ? 0 : Math.ceil((-tokens / perSecond) * 1000);
  }

  async open(provider: string, until: number): Promise<void> {
    await this.#ensure(provider, until);
    await this.#sql.run(
      `UPDATE provider_state SET breaker = 'open', open_until = CASE WHEN open_until IS NOT NULL AND open_until > $2 THEN open_until ELSE $2 END
       WHERE provider = $1`,
      [provider, until],
    );
  }

  async close(provider: string): Promise<void> {
    await this.#sql.run(
      "UPDATE provider_state SET breaker = 'closed', open_until = NULL WHERE provider = $1 AND breaker = 'open'",
      [provider],
    );
  }

  async openCircuits(now: number): Promise<Map<string, number>> {
    const rows = await this.#sql.all(
      openRow,
      "SELECT provider, open_until FROM provider_state WHERE breaker = 'open' AND open_until > $1",
      [now],
    );
    return new Map(rows.flatMap((row) => (row.open_until === null ? [] : [[row.provider, row.open_until]])));
  }
}
