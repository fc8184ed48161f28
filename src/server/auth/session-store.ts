import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { flag, integer, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';
import { ROLES, type User } from './user-store.ts';

/** Sessions end after 30 minutes without a request, and 12 hours after login at the latest. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** The session cookie: `__Host-` so it is bound to this origin, sent over HTTPS only. */
export const SESSION_COOKIE = '__Host-baken-sessie';

// Only a hash of the session id is stored, so a copy of the database gives no live sessions.
const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

const sessionRow = z.object({
  id_hash: text,
  created_at: integer,
  last_seen_at: integer,
  training: flag,
  id: integer,
  username: text,
  role: z.enum(ROLES),
});

/**
 * Server-side sessions with 128-bit random ids, in the store: any web process behind the
 * proxy can serve any request.
 */
export class SessionStore {
  readonly #sql: Sql;
  readonly #clock: Clock;

  constructor(sql: Sql, clock: Clock) {
    this.#sql = sql;
    this.#clock = clock;
  }

  /** Starts a session and returns its id (to put in the cookie). */
  async create(userId: number): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    const now = this.#clock.now().getTime();
    await this.#sql.run('INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)', [
      hashId(id),
      userId,
      now,
      now,
    ]);
    return id;
  }

  /** The user of a live session (and whether it is in training mode), refreshing its idle timer; expired sessions are removed. */
  async resolve(id: string | undefined): Promise<(User & { training: boolean }) | undefined> {
    if (!id || !/^[A-Za-z0-9_-]{22}$/.test(id)) return undefined;
    const now = this.#clock.now().getTime();
    const row = await this.#sql.get(
      sessionRow,
      'SELECT s.id_hash, s.created_at, s.last_seen_at, s.training, u.id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND u.disabled = 0',
      [hashId(id)],
    );
    if (!row) return undefined;
    if (now - row.last_seen_at > IDLE_TIMEOUT_MS || now - row.created_at > ABSOLUTE_TIMEOUT_MS) {
      await this.#sql.run('DELETE FROM sessions WHERE id_hash = $1', [row.id_hash]);
      return undefined;
    }
    await this.#sql.run('UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2', [now, row.id_hash]);
    return { id: row.id, username: row.username, role: row.role, training: row.training };
  }

  /** Switches training mode (oefenmodus) for this session. */
  async setTraining(id: string, training: boolean): Promise<void> {
    await this.#sql.run('UPDATE sessions SET training = $1 WHERE id_hash = $2', [training ? 1 : 0, hashId(id)]);
  }

  /** Ends every session of a user (after a password reset, when disabling, or on request); returns how many. */
  destroyAllOf(userId: number): Promise<number> {
    return this.#sql.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  async destroy(id: string): Promise<void> {
    await this.#sql.run('DELETE FROM sessions WHERE id_hash = $1', [hashId(id)]);
  }
}
