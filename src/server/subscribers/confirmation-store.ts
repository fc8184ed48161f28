import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import { type Database, transaction } from '../store/database.ts';

/** Why a contact is being confirmed: a new sign-up, or someone asking for their personal link. */
export type ConfirmationPurpose = 'signup' | 'manage';

/** A contact waiting for its code: an address nobody has proved to control yet. */
export interface ContactConfirmation {
  id: number;
  /** Random public reference, in the confirmation page's URL; opens nothing without the code. */
  ref: string;
  /** Shared by the contacts of one sign-up (the preferred and the fallback contact). */
  signup: string;
  purpose: ConfirmationPurpose;
  role: 'preferred' | 'fallback';
  channel: SubscriberChannel;
  address: string;
  /** The name the person typed (sign-up, preferred contact only). */
  name: string | null;
  codeHash: string;
  tries: number;
  expiresAt: number;
  verifiedAt: number | null;
}

export type NewContactConfirmation = Omit<ContactConfirmation, 'id' | 'tries' | 'verifiedAt'>;

interface Row {
  id: number;
  ref: string;
  signup: string;
  purpose: ConfirmationPurpose;
  role: 'preferred' | 'fallback';
  channel: SubscriberChannel;
  address: string;
  name: string | null;
  code_hash: string;
  tries: number;
  expires_at: number;
  verified_at: number | null;
}

const fromRow = (r: Row): ContactConfirmation => ({
  id: r.id,
  ref: r.ref,
  signup: r.signup,
  purpose: r.purpose,
  role: r.role,
  channel: r.channel,
  address: r.address,
  name: r.name,
  codeHash: r.code_hash,
  tries: r.tries,
  expiresAt: r.expires_at,
  verifiedAt: r.verified_at,
});

/** Pending contact confirmations (codes are stored as HMACs only). */
export class ConfirmationStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  add(rows: NewContactConfirmation[], now: number): void {
    const insert = this.#db.prepare(
      'INSERT INTO contact_confirmations (ref, signup, purpose, role, channel, address, name, code_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    transaction(this.#db, () => {
      for (const r of rows)
        insert.run(r.ref, r.signup, r.purpose, r.role, r.channel, r.address, r.name, r.codeHash, r.expiresAt, now);
    });
  }

  /**
   * Spends one try on `ref` and returns the confirmation, in one statement, so parallel
   * guesses cannot share a try. Undefined when the reference is unknown, used, expired or
   * out of tries.
   */
  spendTry(ref: string, maxTries: number, now: number): ContactConfirmation | undefined {
    const row = this.#db
      .prepare(
        'UPDATE contact_confirmations SET tries = tries + 1 WHERE ref = ? AND verified_at IS NULL AND expires_at > ? AND tries < ? RETURNING *',
      )
      .get(ref, now, maxTries) as Row | undefined;
    return row && fromRow(row);
  }

  markVerified(id: number, now: number): void {
    this.#db.prepare('UPDATE contact_confirmations SET verified_at = ? WHERE id = ?').run(now, id);
  }

  /** The other contact of the same sign-up, if there is one. */
  partner(confirmation: ContactConfirmation): ContactConfirmation | undefined {
    const row = this.#db
      .prepare('SELECT * FROM contact_confirmations WHERE signup = ? AND id != ?')
      .get(confirmation.signup, confirmation.id) as Row | undefined;
    return row && fromRow(row);
  }

  /** Removes confirmations that ended before `before` (used or not). */
  prune(before: number): number {
    return Number(this.#db.prepare('DELETE FROM contact_confirmations WHERE expires_at < ?').run(before).changes);
  }
}
