import type { Broadcast } from '../../schemas/broadcast.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import { transaction, type Database } from '../store/database.ts';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'fell_back'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One message to one recipient on one channel. */
export interface NewOutboxRow {
  broadcastId: string;
  subscriberId: number | null;
  channel: SubscriberChannel;
  address: string;
  fallbackOf?: number | undefined;
}

/** A row a worker holds the lease on, with what it needs to build the message. */
export interface ClaimedRow {
  id: number;
  broadcastId: string;
  subscriberId: number | null;
  channel: SubscriberChannel;
  address: string;
  attempts: number;
  idempotencyKey: string;
  createdAt: number;
  training: boolean;
  channels: SubscriberChannel[];
  /** Whether the broadcast is on the website too, so an email can link to it there. */
  onWeb: boolean;
  emailSubject: string;
  emailText: string;
  smsText: string;
  /** Token of the subscriber, for the unsubscribe link; null when they deleted their data. */
  subscriberToken: string | null;
  subscriberEmail: string | null;
  subscriberPhone: string | null;
  fallbackChannel: SubscriberChannel | null;
}

export interface DeliveryCount {
  channel: SubscriberChannel;
  status: OutboxStatus;
  count: number;
}

export interface FailedRow {
  id: number;
  channel: SubscriberChannel;
  address: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  provider: string | null;
}

/** The idempotency key of a row: stable, so a resend carries the same Message-ID / SMS reference. */
export function idempotencyKey(row: Pick<NewOutboxRow, 'broadcastId' | 'subscriberId' | 'channel'>): string {
  return `${row.broadcastId}.${row.subscriberId ?? 'x'}.${row.channel}`;
}

/** The outbox in SQLite: rows are claimed with a lease, so a crashed worker's rows come back. */
export class OutboxStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Adds rows (joining the caller's transaction); a row whose key exists already is skipped. */
  enqueue(rows: NewOutboxRow[], now: number): number {
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO outbox (broadcast_id, subscriber_id, channel, address, status, next_attempt_at, idempotency_key, fallback_of, created_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
    );
    return transaction(this.#db, () => {
      let added = 0;
      for (const row of rows) {
        added += Number(insert.run(row.broadcastId, row.subscriberId, row.channel, row.address, now, idempotencyKey(row), row.fallbackOf ?? null, now).changes);
      }
      return added;
    });
  }

  /**
   * Claims up to `limit` due rows for `owner` until `now + leaseMs`: queued rows whose time
   * has come, and rows whose lease ran out (their worker died). Claiming counts an attempt.
   */
  claim(owner: string, limit: number, now: number, leaseMs: number): ClaimedRow[] {
    const ids = transaction(this.#db, () =>
      (
        this.#db
          .prepare(
            `UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?)
                          ORDER BY next_attempt_at, id LIMIT ?)
             RETURNING id`,
          )
          .all(owner, now + leaseMs, now, now, limit) as Array<{ id: number }>
      ).map((r) => r.id),
    );
    if (ids.length === 0) return [];
    const rows = this.#db
      .prepare(
        `SELECT o.id, o.broadcast_id, o.subscriber_id, o.channel, o.address, o.attempts, o.idempotency_key, o.created_at,
                b.training, b.channels, b.email_subject, b.email_text, b.sms_text, s.token, s.email, s.phone, s.fallback_channel
         FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id LEFT JOIN subscribers s ON s.id = o.subscriber_id
         WHERE o.id IN (${ids.map(() => '?').join(',')}) ORDER BY o.id`,
      )
      .all(...ids) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as number,
      broadcastId: r.broadcast_id as string,
      subscriberId: r.subscriber_id as number | null,
      channel: r.channel as SubscriberChannel,
      address: r.address as string,
      attempts: r.attempts as number,
      idempotencyKey: r.idempotency_key as string,
      createdAt: r.created_at as number,
      training: r.training === 1,
      channels: (JSON.parse(r.channels as string) as Broadcast['channels']).filter((c): c is SubscriberChannel => c !== 'web'),
      onWeb: (JSON.parse(r.channels as string) as Broadcast['channels']).includes('web'),
      emailSubject: r.email_subject as string,
      emailText: r.email_text as string,
      smsText: r.sms_text as string,
      subscriberToken: (r.token as string | null) ?? null,
      subscriberEmail: (r.email as string | null) ?? null,
      subscriberPhone: (r.phone as string | null) ?? null,
      fallbackChannel: (r.fallback_channel as SubscriberChannel | null) ?? null,
    }));
  }

  /** Marks a row sent, if this worker still holds its lease. */
  markSent(id: number, owner: string, provider: string, providerMessageId: string | undefined, now: number): boolean {
    return (
      this.#db
        .prepare(
          "UPDATE outbox SET status = 'sent', sent_at = ?, provider = ?, provider_message_id = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'sending'",
        )
        .run(now, provider, providerMessageId ?? null, id, owner).changes > 0
    );
  }

  /** Puts a row back in the queue for a later attempt. */
  reschedule(id: number, owner: string, nextAttemptAt: number, error: string, provider: string | null): void {
    this.#db
      .prepare("UPDATE outbox SET status = 'queued', next_attempt_at = ?, last_error = ?, provider = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")
      .run(nextAttemptAt, error, provider, id, owner);
  }

  /** Ends a row as failed, or as fallen back with a new row on another channel, in one transaction. */
  finish(id: number, owner: string, error: string, provider: string | null, fallback: NewOutboxRow | undefined, now: number): void {
    transaction(this.#db, () => {
      const changed = this.#db
        .prepare('UPDATE outbox SET status = ?, last_error = ?, provider = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?')
        .run(fallback ? 'fell_back' : 'failed', error, provider, id, owner).changes;
      if (changed > 0 && fallback) this.enqueue([{ ...fallback, fallbackOf: id }], now);
    });
  }

  /** Counts per channel and status for a broadcast. */
  counts(broadcastId: string): DeliveryCount[] {
    return this.#db
      .prepare('SELECT channel, status, COUNT(*) AS count FROM outbox WHERE broadcast_id = ? GROUP BY channel, status ORDER BY channel, status')
      .all(broadcastId) as unknown as DeliveryCount[];
  }

  /** Rows that failed or fell back, with the reason. */
  failures(broadcastId: string, limit = 200): FailedRow[] {
    return this.#db
      .prepare(
        "SELECT id, channel, address, status, attempts, last_error AS lastError, provider FROM outbox WHERE broadcast_id = ? AND status IN ('failed', 'fell_back') ORDER BY id LIMIT ?",
      )
      .all(broadcastId, limit) as unknown as FailedRow[];
  }

  /** Every row of a broadcast, for the CSV export. */
  all(broadcastId: string): Array<FailedRow & { sentAt: number | null; deliveryReport: string | null }> {
    return this.#db
      .prepare(
        'SELECT id, channel, address, status, attempts, last_error AS lastError, provider, sent_at AS sentAt, delivery_report AS deliveryReport FROM outbox WHERE broadcast_id = ? ORDER BY id',
      )
      .all(broadcastId) as unknown as Array<FailedRow & { sentAt: number | null; deliveryReport: string | null }>;
  }

  /** Sends failed rows again ("retry failed"); returns how many were queued. */
  retryFailed(broadcastId: string, now: number): number {
    return Number(
      this.#db.prepare("UPDATE outbox SET status = 'queued', next_attempt_at = ?, attempts = 0 WHERE broadcast_id = ? AND status = 'failed'").run(now, broadcastId).changes,
    );
  }

  /** Recipients who got (or are getting) a broadcast: every row that did not fail or fall back. */
  recipientsOf(broadcastId: string): Array<{ subscriberId: number | null; channel: SubscriberChannel; address: string }> {
    return this.#db
      .prepare(
        "SELECT DISTINCT subscriber_id AS subscriberId, channel, address FROM outbox WHERE broadcast_id = ? AND status IN ('queued', 'sending', 'sent') ORDER BY id",
      )
      .all(broadcastId) as unknown as Array<{ subscriberId: number | null; channel: SubscriberChannel; address: string }>;
  }

  /** Records a gateway's delivery report on the row with this idempotency key. */
  recordDeliveryReport(key: string, state: string): boolean {
    return this.#db.prepare('UPDATE outbox SET delivery_report = ? WHERE idempotency_key = ?').run(state, key).changes > 0;
  }

  /** When the first and the last row of a broadcast were sent, for the sending rate. */
  sendWindow(broadcastId: string): { first: number | null; last: number | null } {
    return this.#db.prepare("SELECT MIN(sent_at) AS first, MAX(sent_at) AS last FROM outbox WHERE broadcast_id = ? AND status = 'sent'").get(broadcastId) as {
      first: number | null;
      last: number | null;
    };
  }
}
