import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';

export interface Passkey {
  /** The credential id (base64url). */
  id: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  createdAt: number;
  lastUsedAt: number | null;
}

interface PasskeyRow {
  id: string;
  public_key: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string;
  created_at: number;
  last_used_at: number | null;
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  publicKey: new Uint8Array(row.public_key),
  counter: row.counter,
  transports: JSON.parse(row.transports) as string[],
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** WebAuthn credentials (passkeys) of coordinators: public keys only. */
export class PasskeyStore {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  add(userId: number, passkey: Pick<Passkey, 'id' | 'counter' | 'transports'> & { publicKey: Uint8Array }): void {
    this.#db
      .prepare(
        'INSERT INTO passkeys (id, user_id, public_key, counter, transports, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        passkey.id,
        userId,
        passkey.publicKey,
        passkey.counter,
        JSON.stringify(passkey.transports),
        this.#clock.now().getTime(),
      );
  }

  listOf(userId: number): Passkey[] {
    return (
      this.#db
        .prepare(
          'SELECT id, public_key, counter, transports, created_at, last_used_at FROM passkeys WHERE user_id = ? ORDER BY created_at',
        )
        .all(userId) as unknown as PasskeyRow[]
    ).map(toPasskey);
  }

  /** Records a use; false when the signature counter went backwards (a cloned authenticator). */
  markUsed(id: string, counter: number): boolean {
    return (
      this.#db
        .prepare('UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ? AND (counter < ? OR ? = 0)')
        .run(counter, this.#clock.now().getTime(), id, counter, counter).changes > 0
    );
  }

  removeAllOf(userId: number): number {
    return Number(this.#db.prepare('DELETE FROM passkeys WHERE user_id = ?').run(userId).changes);
  }
}
