import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { integer, nullableInteger } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';
import { THROTTLE_WINDOW_MS, waitBeforeAttempt } from './login-throttle.ts';

export type Reservation = { ok: true; id: number } | { ok: false; retryAfterMs: number };

const failureRow = z.object({ failures: integer, lastAt: nullableInteger });
const idRow = z.object({ id: integer });

/**
 * Login attempts per account and source address. An attempt is reserved (written as a
 * failure) in the same transaction that checks the throttle, before the slow password hash,
 * so parallel guesses cannot all pass the check — also from other web processes, because
 * transactions are serialised across processes (see Sql.transaction); a success then marks it.
 */
export class LoginAttemptStore {
  readonly #sql: Sql;
  readonly #clock: Clock;

  constructor(sql: Sql, clock: Clock) {
    this.#sql = sql;
    this.#clock = clock;
  }

  reserve(username: string, ip: string): Promise<Reservation> {
    const now = this.#clock.now().getTime();
    const since = now - THROTTLE_WINDOW_MS;
    return this.#sql.transaction(async (): Promise<Reservation> => {
      await this.#sql.run('DELETE FROM login_attempts WHERE at < $1', [since]);
      // For the pair, only failures since the last success count (consecutive failures).
      const pair = await this.#sql.get(
        failureRow,
        `SELECT COUNT(*) AS "failures", MAX(at) AS "lastAt" FROM login_attempts
         WHERE ip = $1 AND username = $2 AND success = 0
           AND at >= COALESCE((SELECT MAX(at) FROM login_attempts WHERE ip = $1 AND username = $2 AND success = 1), $3)`,
        [ip, username, since],
      );
      const address = await this.#sql.get(
        failureRow,
        'SELECT COUNT(*) AS "failures", MAX(at) AS "lastAt" FROM login_attempts WHERE ip = $1 AND success = 0 AND at >= $2',
        [ip, since],
      );
      const none = { failures: 0, lastAt: null };
      const retryAfterMs = waitBeforeAttempt(now, { pair: pair ?? none, address: address ?? none });
      if (retryAfterMs > 0) return { ok: false, retryAfterMs };
      const row = await this.#sql.get(
        idRow,
        'INSERT INTO login_attempts (username, ip, at, success) VALUES ($1, $2, $3, 0) RETURNING id',
        [username, ip, now],
      );
      return { ok: true, id: idRow.parse(row).id };
    });
  }

  /**
   * The attempt failed: it stays a failure, now dated when the check ended, so the delay
   * before the next try starts after a slow hash rather than being used up by it.
   */
  async fail(id: number): Promise<void> {
    await this.#sql.run('UPDATE login_attempts SET at = $1 WHERE id = $2', [this.#clock.now().getTime(), id]);
  }

  /** The attempt succeeded: it no longer counts as a failure and ends the run of failures. */
  async succeed(id: number): Promise<void> {
    await this.#sql.run('UPDATE login_attempts SET success = 1, at = $1 WHERE id = $2', [
      this.#clock.now().getTime(),
      id,
    ]);
  }

  /** The attempt was no guess (the password was right, a second step is asked): forget it. */
  async forget(id: number): Promise<void> {
    await this.#sql.run('DELETE FROM login_attempts WHERE id = $1', [id]);
  }
}
