import type { Database } from './database.ts';

/**
 * Removes rows that strangers' requests leave behind once they are no longer needed, so
 * no table grows without bound: old login attempts and sessions that have expired.
 */
export class RetentionStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  pruneLoginAttempts(before: number): number {
    return Number(this.#db.prepare('DELETE FROM login_attempts WHERE at < ?').run(before).changes);
  }

  /** Sessions idle since `idleBefore` or started before `startedBefore`. */
  pruneSessions(idleBefore: number, startedBefore: number): number {
    return Number(
      this.#db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(idleBefore, startedBefore)
        .changes,
    );
  }
}
