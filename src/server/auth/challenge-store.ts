import { z } from 'zod';
import { text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

const challengeRow = z.object({ challenge: text });

/**
 * WebAuthn challenges between the options request and the answer, in the store: the two
 * requests may reach different web processes behind the proxy. Each is used once.
 */
export class ChallengeStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Keeps `challenge` under `key` until `expiresAt`, replacing an earlier one; drops expired ones. */
  async put(key: string, challenge: string, now: number, expiresAt: number): Promise<void> {
    await this.#sql.run('DELETE FROM webauthn_challenges WHERE expires_at < $1', [now]);
    await this.#sql.run(
      'INSERT INTO webauthn_challenges (key, challenge, expires_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET challenge = excluded.challenge, expires_at = excluded.expires_at',
      [key, challenge, expiresAt],
    );
  }

  /** Takes (and removes) the challenge under `key` if it has not expired; in one statement, so it is used once. */
  async take(key: string, now: number): Promise<string | undefined> {
    const row = await this.#sql.get(
      challengeRow,
      'DELETE FROM webauthn_challenges WHERE key = $1 AND expires_at >= $2 RETURNING challenge',
      [key, now],
    );
    return row?.challenge;
  }
}
