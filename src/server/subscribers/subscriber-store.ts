import { randomBytes } from 'node:crypto';
import type { Subscriber, SubscriberChannel } from '../../schemas/subscriber.ts';
import type { Clock } from '../clock.ts';
import { type Database, transaction } from '../store/database.ts';

interface SubscriberRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  preferred_channel: SubscriberChannel;
  fallback_channel: SubscriberChannel | null;
  consent: string;
  confirmed_at: string | null;
  token: string;
  created_at: string;
}

function fromRow(row: SubscriberRow): Subscriber {
  return {
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
  };
}

export type NewSubscriber = Pick<
  Subscriber,
  'name' | 'email' | 'phone' | 'preferredChannel' | 'fallbackChannel' | 'consent'
>;

/** Subscribers and their lists. */
export class SubscriberStore {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** The id of a list, creating it when it does not exist yet. */
  ensureList(name: string): number {
    const existing = this.#db.prepare('SELECT id FROM lists WHERE name = ?').get(name) as { id: number } | undefined;
    if (existing) return existing.id;
    return Number(
      this.#db.prepare('INSERT INTO lists (name, created_at) VALUES (?, ?)').run(name, this.#clock.now().toISOString())
        .lastInsertRowid,
    );
  }

  lists(): Array<{ name: string; members: number }> {
    return this.#db
      .prepare(
        'SELECT l.name, COUNT(m.subscriber_id) AS members FROM lists l LEFT JOIN list_members m ON m.list_id = l.id GROUP BY l.id ORDER BY l.name',
      )
      .all() as unknown as Array<{ name: string; members: number }>;
  }

  /**
   * Adds a subscriber to a list, or finds the existing one with the same email or phone (so
   * an import run twice adds nobody twice). Returns whether a new subscriber was made.
   */
  upsertIntoList(
    listName: string,
    input: NewSubscriber,
    confirmed: boolean,
  ): { subscriber: Subscriber; created: boolean } {
    return transaction(this.#db, () => {
      const listId = this.ensureList(listName);
      let row = this.#db
        .prepare(
          'SELECT * FROM subscribers WHERE (email IS NOT NULL AND email = ?) OR (phone IS NOT NULL AND phone = ?)',
        )
        .get(input.email, input.phone) as SubscriberRow | undefined;
      const created = !row;
      if (!row) {
        const now = this.#clock.now().toISOString();
        const id = this.#db
          .prepare(
            'INSERT INTO subscribers (name, email, phone, preferred_channel, fallback_channel, consent, confirmed_at, token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            input.name,
            input.email,
            input.phone,
            input.preferredChannel,
            input.fallbackChannel,
            input.consent,
            confirmed ? now : null,
            randomBytes(18).toString('base64url'),
            now,
          ).lastInsertRowid;
        row = this.#db.prepare('SELECT * FROM subscribers WHERE id = ?').get(id) as unknown as SubscriberRow;
      }
      this.#db.prepare('INSERT OR IGNORE INTO list_members (list_id, subscriber_id) VALUES (?, ?)').run(listId, row.id);
      return { subscriber: fromRow(row), created };
    });
  }

  /** The subscriber whose stored token id this is (see PersonalTokens for the link token). */
  byTokenId(tokenId: string): Subscriber | undefined {
    const row = this.#db.prepare('SELECT * FROM subscribers WHERE token = ?').get(tokenId) as SubscriberRow | undefined;
    return row && fromRow(row);
  }

  /** The subscriber with this (normalised) address on this channel. */
  byAddress(channel: SubscriberChannel, address: string): Subscriber | undefined {
    const row = this.#db
      .prepare(`SELECT * FROM subscribers WHERE ${channel === 'email' ? 'email' : 'phone'} = ?`)
      .get(address) as SubscriberRow | undefined;
    return row && fromRow(row);
  }

  /**
   * Adds a verified contact to a subscriber who has none on that channel yet, as their
   * fallback. Returns false when they have one already or another subscriber owns the address.
   */
  addFallbackContact(subscriberId: number, channel: SubscriberChannel, address: string): boolean {
    const column = channel === 'email' ? 'email' : 'phone';
    try {
      const result = this.#db
        .prepare(
          `UPDATE subscribers SET ${column} = ?, fallback_channel = ? WHERE id = ? AND ${column} IS NULL AND preferred_channel != ?`,
        )
        .run(address, channel, subscriberId, channel);
      return result.changes > 0;
    } catch (error) {
      if ((error as { errcode?: number }).errcode === 2067) return false; // SQLITE_CONSTRAINT_UNIQUE
      throw error;
    }
  }

  listsOf(subscriberId: number): string[] {
    return (
      this.#db
        .prepare(
          'SELECT l.name FROM lists l JOIN list_members m ON m.list_id = l.id WHERE m.subscriber_id = ? ORDER BY l.name',
        )
        .all(subscriberId) as Array<{ name: string }>
    ).map((r) => r.name);
  }

  /** Removes a subscriber and every list membership (their outbox rows keep no link to them). */
  delete(subscriberId: number): boolean {
    return this.#db.prepare('DELETE FROM subscribers WHERE id = ?').run(subscriberId).changes > 0;
  }

  /** Confirmed members of the named lists, each once. */
  confirmedMembers(listNames: string[]): Subscriber[] {
    if (listNames.length === 0) return [];
    const placeholders = listNames.map(() => '?').join(', ');
    return (
      this.#db
        .prepare(
          `SELECT DISTINCT s.* FROM subscribers s JOIN list_members m ON m.subscriber_id = s.id JOIN lists l ON l.id = m.list_id
           WHERE l.name IN (${placeholders}) AND s.confirmed_at IS NOT NULL ORDER BY s.id`,
        )
        .all(...listNames) as unknown as SubscriberRow[]
    ).map(fromRow);
  }
}
