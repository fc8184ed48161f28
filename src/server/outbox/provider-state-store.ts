import { z } from 'zod';
import { integer, nullableInteger, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

const tokensRow = z.object({ tokens: z.union([z.number(), z.string()]).transform(Number) });
const openRow = z.object({ provider: text, open_until: nullableInteger });
const windowRow = z.object({ n: integer, oldest_done: nullableInteger, oldest_start: nullableInteger });
const idRow = z.object({ id: integer });

/** A send the store let through: hand it back to `done` once the provider answered (or failed). */
export interface SendTicket {
  id: number;
}

// A send not marked done after this long (its worker died) no longer counts.
const IN_FLIGHT_EXPIRY_MS = 60_000;

/** What the workers of one store share about each provider (see ProviderPool). */
export interface SharedProviderState {
  /** Reserves one send slot of `provider` at `perSecond` for every worker together; returns how long to wait (ms). */
  reserve(provider: string, perSecond: number, now: number): Promise<number>;
  /**
   * Lets one send to `provider` go now when fewer than `limit` sends are on their way or were
   * answered within the last second, counted over every worker; otherwise says how long to wait.
   * One transaction under a lock per provider, so sends to other providers and the rest of the
   * store do not wait for it.
   */
  admit(provider: string, limit: number): Promise<SendTicket | { waitMs: number }>;
  /** The send of `ticket` was answered or failed: from now on it counts for one more second. */
  done(ticket: SendTicket): Promise<void>;
  /** Opens the provider's circuit for every worker until `until`. */
  open(provider: string, until: number): Promise<void>;
  /** Closes it again (a send went through). */
  close(provider: string): Promise<void>;
  /** Providers whose circuit is open now, with when they may be tried again. */
  openCircuits(now: number): Promise<Map<string, number>>;
}

/**
 * Rate limits and open circuits per provider in the store, so four workers on four machines
 * together stay within a provider's limit and stop sending to a provider together.
 *
 * Two rules work together. `reserve` spaces the sends evenly: a token bucket holding at most
 * one token, each reservation one atomic UPDATE. `admit` is the guarantee: a send may start
 * only while fewer than `limit` sends are in flight or were answered in the last second. A
 * message reaches the provider between its start and its answer, so any one second at the
 * provider can hold at most `limit` messages — however long a process, the network or the
 * provider itself was paused, and however the sends bunched up after it. Times are the
 * database's, so every machine uses one clock.
 */
export class ProviderStateStore implements SharedProviderState {
  readonly #sql: Sql;
  readonly #known = new Set<string>();
  readonly #inFlightExpiryMs: number;

  constructor(sql: Sql, options: { inFlightExpiryMs?: number } = {}) {
    this.#sql = sql;
    this.#inFlightExpiryMs = options.inFlightExpiryMs ?? IN_FLIGHT_EXPIRY_MS;
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

  async admit(provider: string, limit: number): Promise<SendTicket | { waitMs: number }> {
    // Read before waiting for the lock: an earlier moment only counts more sends, never fewer.
    const now = await this.#sql.now();
    const expired = now - this.#inFlightExpiryMs;
    return this.#sql.transaction(
      async () => {
        await this.#sql.run('DELETE FROM provider_sends WHERE provider = $1 AND (done_at <= $2 OR started_at <= $3)', [
          provider,
          now - 1000,
          expired,
        ]);
        const window = await this.#sql.get(
          windowRow,
          'SELECT COUNT(*) AS n, MIN(done_at) AS oldest_done, MIN(started_at) AS oldest_start FROM provider_sends WHERE provider = $1',
          [provider],
        );
        if (window && window.n >= limit) {
          // The oldest answer leaves the window first. With every counted send still on its way, none
          // can leave within a second, unless the oldest expires before that.
          const waitMs =
            window.oldest_done === null
              ? Math.min(1000, (window.oldest_start ?? now) - expired + 1)
              : window.oldest_done + 1000 - now + 1;
          return { waitMs: Math.max(1, waitMs) };
        }
        const row = await this.#sql.get(
          idRow,
          'INSERT INTO provider_sends (provider, started_at) VALUES ($1, $2) RETURNING id',
          [provider, now],
        );
        if (!row) throw new Error('provider_sends: no id returned');
        return { id: row.id };
      },
      { lock: `provider-sends:${provider}` },
    );
  }

  async done(ticket: SendTicket): Promise<void> {
    // Read after the answer came: the message reached the provider before this moment.
    const now = await this.#sql.now();
    await this.#sql.run('UPDATE provider_sends SET done_at = $2 WHERE id = $1', [ticket.id, now]);
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
