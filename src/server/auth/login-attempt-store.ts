import type { Clock } from '../clock.ts';
import { type Database, transaction } from '../store/database.ts';
import { type FailureCount, THROTTLE_WINDOW_MS, waitBeforeAttempt } from './login-throttle.ts';

export type Reservation = { ok: true; id: number } | { ok: false; retryAfterMs: number };

/**
 * Login attempts per account and source address. An attempt is reserved (written as a
 * failure) in the same transaction that checks the throttle, before the slow password hash,
 * so parallel guesses cannot all pass the check; a success then marks it as such.
 */
export class LoginAttemptStore {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  reserve(username: string, ip: string): Reservation {
    const now = this.#clock.now().getTime();
    const since = now - THROTTLE_WINDOW_MS;
    return transaction(this.#db, () => {
      this.#db.prepare('DELETE FROM login_attempts WHERE at < ?').run(since);
      // For the pair, only failures since the last success count (consecutive failures).
      const pair = this.#db
        .prepare(
          `SELECT COUNT(*) AS failures, MAX(at) AS lastAt FROM login_attempts
           WHERE ip = ? AND username = ? AND success = 0
             AND at >= COALESCE((SELECT MAX(at) FROM login_attempts WHERE ip = ? AND username = ? AND success = 1), ?)`,
        )
        .get(ip, username, ip, username, since) as unknown as FailureCount;
      const address = this.#db
        .prepare(
          'SELECT COUNT(*) AS failures, MAX(at) AS lastAt FROM login_attempts WHERE ip = ? AND success = 0 AND at >= ?',
        )
        .get(ip, since) as unknown as FailureCount;
      const retryAfterMs = waitBeforeAttempt(now, { pair, address });
      if (retryAfterMs > 0) return { ok: false, retryAfterMs };
      const result = this.#db
        .prepare('INSERT INTO login_attempts (username, ip, at, success) VALUES (?, ?, ?, 0)')
        .run(username, ip, now);
      return { ok: true, id: Number(result.lastInsertRowid) };
    });
  }

  /**
   * The attempt failed: it stays a failure, now dated when the check ended, so the delay
   * before the next try starts after a slow hash rather than being used up by it.
   */
  fail(id: number): void {
    this.#db.prepare('UPDATE login_attempts SET at = ? WHERE id = ?').run(this.#clock.now().getTime(), id);
  }

  /** The attempt succeeded: it no longer counts as a failure and ends the run of failures. */
  succeed(id: number): void {
    this.#db.prepare('UPDATE login_attempts SET success = 1, at = ? WHERE id = ?').run(this.#clock.now().getTime(), id);
  }

  /** The attempt was no guess (the password was right, a second step is asked): forget it. */
  forget(id: number): void {
    this.#db.prepare('DELETE FROM login_attempts WHERE id = ?').run(id);
  }
}
