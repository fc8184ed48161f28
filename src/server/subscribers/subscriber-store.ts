import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SUBSCRIBER_CHANNELS, type Subscriber, type SubscriberChannel } from '../../schemas/subscriber.ts';
import type { Clock } from '../clock.ts';
import { integer, nullableText, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';

const subscriberRow = z
  .object({
    id: integer,
    name: text,
    email: nullableText,
    phone: nullableText,
    preferred_channel: z.enum(SUBSCRIBER_CHANNELS),
    fallback_channel: z.enum(SUBSCRIBER_CHANNELS).nullable(),
    consent: text,
    confirmed_at: nullableText,
    token: text,
    created_at: text,
  })
  .transform(
    (row): Subscriber => ({
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      preferredChannel: row.preferred_channel,
      fallbackChannel: row.fallback_channel,
      consent: row.consent,
      confirmedAt: row.confirmed_at,
      token: row.token,
      createdAt: row.created_at,
    }),
  );
const idRow = z.object({ id: integer });
const listRow = z.object({ name: text, members: integer });
const nameRow = z.object({ name: text });

export type NewSubscriber = Pick<
  Subscriber,
  'name' | 'email' | 'phone' | 'preferredChannel' | 'fallbackChannel' | 'consent'
>;

const SUBSCRIBER_COLUMNS =
  's.id, s.name, s.email, s.phone, s.preferred_channel, s.fallback_channel, s.consent, s.confirmed_at, s.token, s.created_at';

/** Subscribers and their lists. List names are the same list whatever their case. */
export class SubscriberStore {
  readonly #sql: Sql;
  readonly #clock: Clock;

  constructor(sql: Sql, clock: Clock) {
    this.#sql = sql;
    this.#clock = clock;
  }

  /** The id of a list, creating it when it does not exist yet. */
  ensureList(name: string): Promise<number> {
    return this.#sql.transaction(async () => {
      const existing = await this.#sql.get(idRow, 'SELECT id FROM lists WHERE lower(name) = lower($1)', [name]);
      if (existing) return existing.id;
      const row = await this.#sql.get(idRow, 'INSERT INTO lists (name, created_at) VALUES ($1, $2) RETURNING id', [
        name,
        this.#clock.now().toISOString(),
      ]);
      return idRow.parse(row).id;
    });
  }

  lists(): Promise<Array<{ name: string; members: number }>> {
    return this.#sql.all(
      listRow,
      'SELECT l.name, COUNT(m.subscriber_id) AS members FROM lists l LEFT JOIN list_members m ON m.list_id = l.id GROUP BY l.id, l.name ORDER BY l.name',
    );
  }

  /**
   * Adds a subscriber to a list, or finds the existing one with the same email or phone (so
   * an import run twice adds nobody twice). Returns whether a new subscriber was made.
   */
  upsertIntoList(
    listName: string,
    input: NewSubscriber,
    confirmed: boolean,
  ): Promise<{ subscriber: Subscriber; created: boolean }> {
    return this.#sql.transaction(async () => {
      const listId = await this.ensureList(listName);
      let subscriber = await this.#sql.get(
        subscriberRow,
        `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers s WHERE (s.email IS NOT NULL AND s.email = $1) OR (s.phone IS NOT NULL AND s.phone = $2)`,
        [input.email, input.phone],
      );
      const created = !subscriber;
      if (!subscriber) {
        const now = this.#clock.now().toISOString();
        subscriber = await this.#sql.get(
          subscriberRow,
          `INSERT INTO subscribers (name, email, phone, preferred_channel, fallback_channel, consent, confirmed_at, token, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           RETURNING id, name, email, phone, preferred_channel, fallback_channel, consent, confirmed_at, token, created_at`,
          [
            input.name,
            input.email,
            input.phone,
            input.preferredChannel,
            input.fallbackChannel,
            input.consent,
            confirmed ? now : null,
            randomBytes(18).toString('base64url'),
            now,
          ],
        );
        if (!subscriber) throw new Error('subscriber insert returned no row');
      }
      await this.#sql.run(
        'INSERT INTO list_members (list_id, subscriber_id) VALUES ($1, $2) ON CONFLICT (list_id, subscriber_id) DO NOTHING',
        [listId, subscriber.id],
      );
      return { subscriber, created };
    });
  }

  /** The subscriber whose stored token id this is (see PersonalTokens for the link token). */
  byTokenId(tokenId: string): Promise<Subscriber | undefined> {
    return this.#sql.get(subscriberRow, `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers s WHERE s.token = $1`, [
      tokenId,
    ]);
  }

  /** The subscriber with this (normalised) address on this channel. */
  byAddress(channel: SubscriberChannel, address: string): Promise<Subscriber | undefined> {
    return this.#sql.get(
      subscriberRow,
      `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers s WHERE s.${channel === 'email' ? 'email' : 'phone'} = $1`,
      [address],
    );
  }

  /**
   * Adds a verified contact to a subscriber who has none on that channel yet, as their
   * fallback. Returns false when they have one already or another subscriber owns the address.
   */
  async addFallbackContact(subscriberId: number, channel: SubscriberChannel, address: string): Promise<boolean> {
    const column = channel === 'email' ? 'email' : 'phone';
    try {
      const changed = await this.#sql.run(
        `UPDATE subscribers SET ${column} = $1, fallback_channel = $2
         WHERE id = $3 AND ${column} IS NULL AND preferred_channel != $2
           AND NOT EXISTS (SELECT 1 FROM subscribers other WHERE other.${column} = $1)`,
        [address, channel, subscriberId],
      );
      return changed > 0;
    } catch (error) {
      // Another request took the address between the check and the write.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async listsOf(subscriberId: number): Promise<string[]> {
    const rows = await this.#sql.all(
      nameRow,
      'SELECT l.name FROM lists l JOIN list_members m ON m.list_id = l.id WHERE m.subscriber_id = $1 ORDER BY l.name',
      [subscriberId],
    );
    return rows.map((r) => r.name);
  }

  /** Removes a subscriber and every list membership (their outbox rows keep no link to them). */
  async delete(subscriberId: number): Promise<boolean> {
    return (await this.#sql.run('DELETE FROM subscribers WHERE id = $1', [subscriberId])) > 0;
  }

  /** Confirmed members of the named lists, each once. */
  confirmedMembers(listNames: string[]): Promise<Subscriber[]> {
    if (listNames.length === 0) return Promise.resolve([]);
    const placeholders = listNames.map((_, i) => `lower($${i + 1})`).join(', ');
    return this.#sql.all(
      subscriberRow,
      // Driven from the lists (a set both databases build once), not a lookup per subscriber:
      // list_members is keyed by list first.
      `SELECT ${SUBSCRIBER_COLUMNS} FROM subscribers s
       WHERE s.confirmed_at IS NOT NULL AND s.id IN (
         SELECT m.subscriber_id FROM list_members m JOIN lists l ON l.id = m.list_id WHERE lower(l.name) IN (${placeholders}))
       ORDER BY s.id`,
      listNames,
    );
  }
}
