import { type Database, transaction } from '../store/database.ts';

/** Counted events for the public forms' rate limits (sign-ups per address and per IP address). */
export class RateEventStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Takes one event for every key when each has fewer than its limit since `since`, and
   * none otherwise. Counting and recording happen in one write transaction, so parallel
   * requests cannot all pass the check before any of them is counted.
   */
  take(keys: Array<{ kind: string; key: string; limit: number }>, since: number, now: number): boolean {
    const count = this.#db.prepare('SELECT COUNT(*) AS n FROM rate_events WHERE kind = ? AND key = ? AND at > ?');
    const insert = this.#db.prepare('INSERT INTO rate_events (kind, key, at) VALUES (?, ?, ?)');
    return transaction(this.#db, () => {
      if (keys.some(({ kind, key, limit }) => (count.get(kind, key, since) as { n: number }).n >= limit)) return false;
      for (const { kind, key } of keys) insert.run(kind, key, now);
      return true;
    });
  }

  /** Removes events older than `before`. */
  prune(before: number): number {
    return Number(this.#db.prepare('DELETE FROM rate_events WHERE at < ?').run(before).changes);
  }
}
