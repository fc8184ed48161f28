import { randomBytes } from 'node:crypto';
import type { Subscriber, SubscriberChannel } from '../../schemas/subscriber.ts';
import type { Clock } from '../clock.ts';
import { transaction, type Database } from '../store/database.ts';

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

export type NewSubscriber = Pick<Subscriber, 'name' | 'email' | 'phone' | 'preferredChannel' | 'fallbackChannel' | 'consent'>;

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
    return Number(this.#db.prepare('INSERT INTO lists (name, created_at) VALUES (?, ?)').run(name, this.#clock.now().toISOString()).lastInsertRowid);
  }

  lists(): Array<{ name: string; members: number }> {
    return this.#db
      .prepare('SELECT l.name, COUNT(m.subscriber_id) AS members FROM lists l LEFT JOIN list_members m ON m.list_id = l.id GROUP BY l.id ORDER BY l.name')
      .all() as unknown as Array<{ name: string; members: number }>;
  }

  /**
   * Adds a subscriber to a list, or finds the existing one with the same email or phone (so
   * an import run twice adds nobody twice). Returns whether a new subscriber was made.
   */
  upsertIntoList(listName: string, input: NewSubscriber, confirmed: boolean): { subscriber: Subscriber; created: boolean } {
    return transaction(this.#db, () => {
      const listId = this.ensureList(listName);
      let row = this.#db.prepare('SELECT * FROM subscribers WHERE (email IS NOT NULL AND email = ?) OR (phone IS NOT NULL AND phone = ?)').get(input.email, input.phone) as
        | SubscriberRow
        | undefined;
      const created = !row;
      if (!row) {
        const now = this.#clock.now().toISOString();
        const id = this.#db
          .prepare(
            'INSERT INTO subscribers (name, email, phone, preferred_channel, fallback_channel, consent, confirmed_at, token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(input.name, input.email, input.phone, input.preferredChannel, input.fallbackChannel, input.consent, confirmed ? now : null, randomBytes(18).toString('base64url'), now)
          .lastInsertRowid;
        row = this.#db.prepare('SELECT * FROM subscribers WHERE id = ?').get(id) as unknown as SubscriberRow;
      }
      this.#db.prepare('INSERT OR IGNORE INTO list_members (list_id, subscriber_id) VALUES (?, ?)').run(listId, row.id);
      return { subscriber: fromRow(row), created };
    });
  }

  byToken(token: string): Subscriber | undefined {
    const row = this.#db.prepare('SELECT * FROM subscribers WHERE token = ?').get(token) as SubscriberRow | undefined;
    return row && fromRow(row);
  }

  listsOf(subscriberId: number): string[] {
    return (this.#db.prepare('SELECT l.name FROM lists l JOIN list_members m ON m.list_id = l.id WHERE m.subscriber_id = ? ORDER BY l.name').all(subscriberId) as Array<{ name: string }>).map(
      (r) => r.name,
    );
  }

  /** Stores a confirmation code for double opt-in and returns nothing; see `confirm`. */
  setConfirmCode(subscriberId: number, code: string): void {
    this.#db.prepare('UPDATE subscribers SET confirm_code = ? WHERE id = ?').run(code, subscriberId);
  }

  /** Confirms a subscription when the code matches; returns whether it did. */
  confirm(token: string, code: string): boolean {
    const result = this.#db
      .prepare('UPDATE subscribers SET confirmed_at = ?, confirm_code = NULL WHERE token = ? AND confirm_code = ? AND confirmed_at IS NULL')
      .run(this.#clock.now().toISOString(), token, code);
    return result.changes > 0;
  }

  /**
   * Removes a subscriber and every list membership. Their outbox history keeps counts but
   * not their address, and nothing still queued for them is sent.
   */
  delete(token: string): boolean {
    return transaction(this.#db, () => {
      const row = this.#db.prepare('SELECT id FROM subscribers WHERE token = ?').get(token) as { id: number } | undefined;
      if (!row) return false;
      this.#db
        .prepare(
          "UPDATE outbox SET address = '(verwijderd)', status = CASE WHEN status IN ('queued', 'sending', 'failed') THEN 'deleted' ELSE status END, last_error = CASE WHEN status IN ('queued', 'sending', 'failed') THEN 'ontvanger heeft gegevens verwijderd' ELSE last_error END WHERE subscriber_id = ?",
        )
        .run(row.id);
      this.#db.prepare('DELETE FROM subscribers WHERE id = ?').run(row.id);
      return true;
    });
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
