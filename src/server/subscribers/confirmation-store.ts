import { z } from 'zod';
import { SUBSCRIBER_CHANNELS, type SubscriberChannel } from '../../schemas/subscriber.ts';
import { integer, nullableInteger, nullableText, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

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

const confirmationRow = z
  .object({
    id: integer,
    ref: text,
    signup: text,
    purpose: z.enum(['signup', 'manage']),
    role: z.enum(['preferred', 'fallback']),
    channel: z.enum(SUBSCRIBER_CHANNELS),
    address: text,
    name: nullableText,
    code_hash: text,
    tries: integer,
    expires_at: integer,
    verified_at: nullableInteger,
  })
  .transform(
    (r): ContactConfirmation => ({
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
    }),
  );

const COLUMNS = 'id, ref, signup, purpose, role, channel, address, name, code_hash, tries, expires_at, verified_at';

/** Pending contact confirmations (codes are stored as HMACs only). */
export class ConfirmationStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  add(rows: NewContactConfirmation[], now: number): Promise<void> {
    return this.#sql.transaction(async () => {
      for (const r of rows)
        await this.#sql.run(
          'INSERT INTO contact_confirmations (ref, signup, purpose, role, channel, address, name, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
          [r.ref, r.signup, r.purpose, r.role, r.channel, r.address, r.name, r.codeHash, r.expiresAt, now],
        );
    });
  }

  /**
   * Spends one try on `ref` and returns the confirmation, in one statement, so parallel
   * guesses cannot share a try. Undefined when the reference is unknown, used, expired or
   * out of tries.
   */
  spendTry(ref: string, maxTries: number, now: number): Promise<ContactConfirmation | undefined> {
    return this.#sql.get(
      confirmationRow,
      `UPDATE contact_confirmations SET tries = tries + 1 WHERE ref = $1 AND verified_at IS NULL AND expires_at > $2 AND tries < $3 RETURNING ${COLUMNS}`,
      [ref, now, maxTries],
    );
  }

  async markVerified(id: number, now: number): Promise<void> {
    await this.#sql.run('UPDATE contact_confirmations SET verified_at = $1 WHERE id = $2', [now, id]);
  }

  /** The other contact of the same sign-up, if there is one. */
  partner(confirmation: ContactConfirmation): Promise<ContactConfirmation | undefined> {
    return this.#sql.get(
      confirmationRow,
      `SELECT ${COLUMNS} FROM contact_confirmations WHERE signup = $1 AND id != $2`,
      [confirmation.signup, confirmation.id],
    );
  }

  /** Removes confirmations that ended before `before` (used or not). */
  prune(before: number): Promise<number> {
    return this.#sql.run('DELETE FROM contact_confirmations WHERE expires_at < $1', [before]);
  }
}
