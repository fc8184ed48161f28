import type { Sql } from './sql.ts';

/**
 * Removes rows that strangers' requests leave behind once they are no longer needed, so
 * no table grows without bound: old login attempts and sessions that have expired.
 */
export class RetentionStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  pruneLoginAttempts(before: number): Promise<number> {
    return this.#sql.run('DELETE FROM login_attempts WHERE at < $1', [before]);
  }

  /** Sessions idle since `idleBefore` or started before `startedBefore`. */
  pruneSessions(idleBefore: number, startedBefore: number): Promise<number> {
    return this.#sql.run('DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2', [
      idleBefore,
      startedBefore,
    ]);
  }
}
