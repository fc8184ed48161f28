import { countRow } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

/** Counted events for the public forms' rate limits (sign-ups per address and per IP address). */
export class RateEventStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /**
   * Takes one event for every key when each has fewer than its limit since `since`, and
   * none otherwise. Counting and recording happen in one serialised transaction, so parallel
   * requests — in this process or another — cannot all pass the check before any is counted.
   */
  take(keys: Array<{ kind: string; key: string; limit: number }>, since: number, now: number): Promise<boolean> {
    return this.#sql.transaction(async () => {
      for (const { kind, key, limit } of keys) {
        const row = await this.#sql.get(
          countRow,
          'SELECT COUNT(*) AS n FROM rate_events WHERE kind = $1 AND key = $2 AND at > $3',
          [kind, key, since],
        );
        if ((row?.n ?? 0) >= limit) return false;
      }
      for (const { kind, key } of keys)
        await this.#sql.run('INSERT INTO rate_events (kind, key, at) VALUES ($1, $2, $3)', [kind, key, now]);
      return true;
    });
  }

  /** Removes events older than `before`. */
  prune(before: number): Promise<number> {
    return this.#sql.run('DELETE FROM rate_events WHERE at < $1', [before]);
  }
}
