import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';
import type { User } from './user-store.ts';

/** Sessions end after 30 minutes without a request, and 12 hours after login at the latest. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** The session cookie: `__Host-` so it is bound to this origin, sent over HTTPS only. */
export const SESSION_COOKIE = '__Host-baken-sessie';

// Only a hash of the session id is stored, so a copy of the database gives no live sessions.
const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Server-side sessions with 128-bit random ids. */
export class SessionStore {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Starts a session and returns its id (to put in the cookie). */
  create(userId: number): string {
    const id = randomBytes(16).toString('base64url');
    const now = this.#clock.now().getTime();
    this.#db
      .prepare('INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
      .run(hashId(id), userId, now, now);
    return id;
  }

  /** The user of a live session (and whether it is in training mode), refreshing its idle timer; expired sessions are removed. */
  resolve(id: string | undefined): (User & { training: boolean }) | undefined {
    if (!id || !/^[A-Za-z0-9_-]{22}$/.test(id)) return undefined;
    const now = this.#clock.now().getTime();
    const row = this.#db
      .prepare(
        'SELECT s.id_hash, s.created_at, s.last_seen_at, s.training, u.id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND u.disabled = 0',
      )
      .get(hashId(id)) as
      | {
          id_hash: string;
          created_at: number;
          last_seen_at: number;
          training: number;
          id: number;
          username: string;
          role: User['role'];
        }
      | undefined;
    if (!row) return undefined;
    if (now - row.last_seen_at > IDLE_TIMEOUT_MS || now - row.created_at > ABSOLUTE_TIMEOUT_MS) {
      this.#db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(row.id_hash);
      return undefined;
    }
    this.#db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, row.id_hash);
    return { id: row.id, username: row.username, role: row.role, training: row.training === 1 };
  }

  /** Switches training mode (oefenmodus) for this session. */
  setTraining(id: string, training: boolean): void {
    this.#db.prepare('UPDATE sessions SET training = ? WHERE id_hash = ?').run(training ? 1 : 0, hashId(id));
  }

  /** Ends every session of a user (after a password reset, when disabling, or on request); returns how many. */
  destroyAllOf(userId: number): number {
    return Number(this.#db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes);
  }

  destroy(id: string): void {
    this.#db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hashId(id));
  }
}
