import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { bytes, integer, jsonText, nullableInteger, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

export interface Passkey {
  /** The credential id (base64url). */
  id: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  createdAt: number;
  lastUsedAt: number | null;
}

const passkeyRow = z
  .object({
    id: text,
    public_key: bytes,
    counter: integer,
    transports: jsonText(z.array(z.string())),
    created_at: integer,
    last_used_at: nullableInteger,
  })
  .transform(
    (row): Passkey => ({
      id: row.id,
      publicKey: row.public_key,
      counter: row.counter,
      transports: row.transports,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    }),
  );

/** WebAuthn credentials (passkeys) of coordinators: public keys only. */
export class PasskeyStore {
  readonly #sql: Sql;
  readonly #clock: Clock;

  constructor(sql: Sql, clock: Clock) {
    this.#sql = sql;
    this.#clock = clock;
  }

  async add(
    userId: number,
    passkey: Pick<Passkey, 'id' | 'counter' | 'transports'> & { publicKey: Uint8Array },
  ): Promise<void> {
    await this.#sql.run(
      'INSERT INTO passkeys (id, user_id, public_key, counter, transports, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        passkey.id,
        userId,
        passkey.publicKey,
        passkey.counter,
        JSON.stringify(passkey.transports),
        this.#clock.now().getTime(),
      ],
    );
  }

  listOf(userId: number): Promise<Passkey[]> {
    return this.#sql.all(
      passkeyRow,
      'SELECT id, public_key, counter, transports, created_at, last_used_at FROM passkeys WHERE user_id = $1 ORDER BY created_at',
      [userId],
    );
  }

  /** Records a use; false when the signature counter went backwards (a cloned authenticator). */
  async markUsed(id: string, counter: number): Promise<boolean> {
    return (
      (await this.#sql.run(
        'UPDATE passkeys SET counter = $1, last_used_at = $2 WHERE id = $3 AND (counter < $1 OR $1 = 0)',
        [counter, this.#clock.now().getTime(), id],
      )) > 0
    );
  }

  removeAllOf(userId: number): Promise<number> {
    return this.#sql.run('DELETE FROM passkeys WHERE user_id = $1', [userId]);
  }
}
