import { randomBytes } from 'node:crypto';
import type { Broadcast } from '../../schemas/broadcast.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import { type Database, transaction } from '../store/database.ts';

/**
 * `withdrawn`: the broadcast was withdrawn before this was sent; `expired`: its validity ran
 * out or a correction replaced it; `deleted`: the recipient deleted their data first.
 */
export const OUTBOX_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'fell_back',
  'withdrawn',
  'expired',
  'deleted',
] as const;
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
  /** Fences every completion: only the holder of the latest claim may mark the row. */
  leaseToken: string;
  /** When the row first ran into trouble (a failure, or no provider to take it); null before. */
  troubleSince: number | null;
  idempotencyKey: string;
  createdAt: number;
  training: boolean;
  channels: SubscriberChannel[];
  /** Whether the broadcast is on the website too, so an email can link to it there. */
  onWeb: boolean;
  emailSubject: string;
  emailText: string;
  smsText: string;
  /** Link token of the subscriber (signed, see PersonalTokens), for the unsubscribe link; null when they deleted their data. */
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

/** Which rows one pool of providers sends: a channel, live or training. */
export interface Lane {
  channel: SubscriberChannel;
  training: boolean;
}

/** Why a row waits: new (its turn has not come), `retry` after a failure, `unavailable` while no provider may be tried. */
export type WaitReason = 'retry' | 'unavailable' | null;

/** Messages of a broadcast still to be sent, grouped by channel, provider and reason. */
export interface WaitingGroup {
  channel: SubscriberChannel;
  provider: string | null;
  reason: WaitReason | 'sending';
  count: number;
  /** Earliest next try of the group (ms since the epoch). */
  nextAttemptAt: number;
  /** The latest error seen in the group. */
  lastError: string | null;
}

/** How a row ends: sent, failed for good, or handed to another channel. */
export interface Completion {
  error: string;
  provider: string | null;
  /** Whether a provider really got the message (a wait for a provider does not use an attempt). */
  attempted: boolean;
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
  readonly #linkToken: (tokenId: string) => string;

  /** `linkToken` turns a subscriber's stored token id into the token their links carry. */
  constructor(db: Database, linkToken: (tokenId: string) => string) {
    this.#db = db;
    this.#linkToken = linkToken;
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
        added += Number(
          insert.run(
            row.broadcastId,
            row.subscriberId,
            row.channel,
            row.address,
            now,
            idempotencyKey(row),
            row.fallbackOf ?? null,
            now,
          ).changes,
        );
      }
      return added;
    });
  }

  /**
   * Claims up to `limit` due rows of one lane for `owner` until `now + leaseMs`: queued rows
   * whose time has come, and rows whose lease ran out (their worker died). Each claim gets a
   * new token, so a worker whose lease ran out can no longer mark the row. A claim is not an
   * attempt: attempts count only sends a provider really got.
   */
  claim(owner: string, lane: Lane, limit: number, now: number, leaseMs: number): ClaimedRow[] {
    if (limit <= 0) return [];
    const token = `${owner}.${randomBytes(6).toString('hex')}`;
    const ids = transaction(this.#db, () =>
      (
        this.#db
          .prepare(
            `UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ?, lease_token = ?
             WHERE id IN (SELECT o.id FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id
                          WHERE o.channel = ? AND b.training = ?
                            AND ((o.status = 'queued' AND o.next_attempt_at <= ?) OR (o.status = 'sending' AND o.lease_until < ?))
                          ORDER BY o.next_attempt_at, o.id LIMIT ?)
             RETURNING id`,
          )
          .all(owner, now + leaseMs, token, lane.channel, lane.training ? 1 : 0, now, now, limit) as Array<{
          id: number;
        }>
      ).map((r) => r.id),
    );
    if (ids.length === 0) return [];
    const rows = this.#db
      .prepare(
        `SELECT o.id, o.broadcast_id, o.subscriber_id, o.channel, o.address, o.attempts, o.lease_token, o.trouble_since, o.idempotency_key, o.created_at,
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
      leaseToken: r.lease_token as string,
      troubleSince: (r.trouble_since as number | null) ?? null,
      idempotencyKey: r.idempotency_key as string,
      createdAt: r.created_at as number,
      training: r.training === 1,
      channels: (JSON.parse(r.channels as string) as Broadcast['channels']).filter(
        (c): c is SubscriberChannel => c !== 'web',
      ),
      onWeb: (JSON.parse(r.channels as string) as Broadcast['channels']).includes('web'),
      emailSubject: r.email_subject as string,
      emailText: r.email_text as string,
      smsText: r.sms_text as string,
      subscriberToken: typeof r.token === 'string' ? this.#linkToken(r.token) : null,
      subscriberEmail: (r.email as string | null) ?? null,
      subscriberPhone: (r.phone as string | null) ?? null,
      fallbackChannel: (r.fallback_channel as SubscriberChannel | null) ?? null,
    }));
  }

  /** Extends the lease of every row still held under `token`; returns how many it held. */
  renew(token: string, until: number): number {
    return Number(
      this.#db
        .prepare("UPDATE outbox SET lease_until = ? WHERE lease_token = ? AND status = 'sending'")
        .run(until, token).changes,
    );
  }

  /**
   * Ends rows that must not be sent any more: those of broadcasts past their validity, which
   * ends at once when a withdrawal (`withdrawn`) or correction (`expired`) is approved — this
   * catches rows that were in a worker's hands then and came back after a failure — and
   * those of recipients who deleted their data (`deleted`). Returns how many.
   */
  stopStale(now: number): number {
    return transaction(this.#db, () => {
      const followUp = (type: string) =>
        `EXISTS (SELECT 1 FROM broadcasts f WHERE f.references_id = outbox.broadcast_id AND f.message_type = '${type}' AND f.status = 'published')`;
      const expired = this.#db
        .prepare(
          `UPDATE outbox SET
             status = CASE WHEN ${followUp('cancel')} THEN 'withdrawn' ELSE 'expired' END,
             last_error = CASE WHEN ${followUp('cancel')} THEN 'het bericht is ingetrokken'
                               WHEN ${followUp('update')} THEN 'vervangen door een correctie'
                               ELSE 'het bericht is niet meer geldig' END,
             lease_owner = NULL, lease_until = NULL, lease_token = NULL
           WHERE status = 'queued' AND broadcast_id IN (SELECT id FROM broadcasts WHERE expires_at IS NOT NULL AND expires_at <= ?)`,
        )
        .run(now).changes;
      const deleted = this.#db
        .prepare(
          "UPDATE outbox SET status = 'deleted', last_error = 'ontvanger heeft gegevens verwijderd', lease_owner = NULL, lease_until = NULL, lease_token = NULL WHERE status = 'queued' AND subscriber_id IS NULL",
        )
        .run().changes;
      return Number(expired) + Number(deleted);
    });
  }

  /**
   * Stops a broadcast's messages that are still waiting (not those a worker is sending right
   * now): `withdrawn` when it is withdrawn, `expired` when a correction replaces it.
   */
  stopUnsent(broadcastId: string, status: 'withdrawn' | 'expired', reason: string): number {
    return Number(
      this.#db
        .prepare(
          "UPDATE outbox SET status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, lease_token = NULL WHERE broadcast_id = ? AND status = 'queued'",
        )
        .run(status, reason, broadcastId).changes,
    );
  }

  /** Marks a row sent, if `token` is still its latest claim. */
  markSent(id: number, token: string, provider: string, providerMessageId: string | undefined, now: number): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE outbox SET status = 'sent', sent_at = ?, provider = ?, provider_message_id = ?, last_error = NULL, wait_reason = NULL, attempts = attempts + 1,
             lease_owner = NULL, lease_until = NULL, lease_token = NULL
           WHERE id = ? AND lease_token = ? AND status = 'sending'`,
        )
        .run(now, provider, providerMessageId ?? null, id, token).changes > 0
    );
  }

  /**
   * Puts a row back in the queue until `nextAttemptAt`, if `token` is still its latest claim.
   * A wait for a provider keeps the last real error, which says more than "no provider".
   */
  reschedule(
    id: number,
    token: string,
    nextAttemptAt: number,
    reason: Exclude<WaitReason, null>,
    done: Completion,
    now: number,
  ): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE outbox SET status = 'queued', next_attempt_at = ?, wait_reason = ?, last_error = CASE WHEN ? = 'unavailable' AND last_error IS NOT NULL THEN last_error ELSE ? END,
             provider = COALESCE(?, provider), attempts = attempts + ?,
             trouble_since = COALESCE(trouble_since, ?), lease_owner = NULL, lease_until = NULL, lease_token = NULL
           WHERE id = ? AND lease_token = ? AND status = 'sending'`,
        )
        .run(nextAttemptAt, reason, reason, done.error, done.provider, done.attempted ? 1 : 0, now, id, token).changes >
      0
    );
  }

  /** Ends a row with `status` (failed, or deleted when the recipient left), if `token` is still its latest claim. */
  finish(id: number, token: string, status: 'failed' | 'deleted', done: Completion): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE outbox SET status = ?, last_error = ?, provider = COALESCE(?, provider), attempts = attempts + ?, wait_reason = NULL,
             lease_owner = NULL, lease_until = NULL, lease_token = NULL
           WHERE id = ? AND lease_token = ? AND status = 'sending'`,
        )
        .run(status, done.error, done.provider, done.attempted ? 1 : 0, id, token).changes > 0
    );
  }

  /** Ends a row as fallen back and queues the message on the other channel, in one transaction. */
  fallBack(id: number, token: string, done: Completion, fallback: NewOutboxRow, now: number): boolean {
    return transaction(this.#db, () => {
      const changed = this.#db
        .prepare(
          `UPDATE outbox SET status = 'fell_back', last_error = ?, provider = COALESCE(?, provider), attempts = attempts + ?, wait_reason = NULL,
             lease_owner = NULL, lease_until = NULL, lease_token = NULL
           WHERE id = ? AND lease_token = ? AND status = 'sending'`,
        )
        .run(done.error, done.provider, done.attempted ? 1 : 0, id, token).changes;
      if (changed > 0) this.enqueue([{ ...fallback, fallbackOf: id }], now);
      return changed > 0;
    });
  }

  /** What of a broadcast still waits, per channel, provider and reason, with the next try. */
  waiting(broadcastId: string): WaitingGroup[] {
    return this.#db
      .prepare(
        `SELECT channel, provider, CASE WHEN status = 'sending' THEN 'sending' ELSE wait_reason END AS reason, COUNT(*) AS count,
                MIN(next_attempt_at) AS nextAttemptAt, MAX(last_error) AS lastError
         FROM outbox WHERE broadcast_id = ? AND status IN ('queued', 'sending')
         GROUP BY channel, provider, reason ORDER BY channel, provider, reason`,
      )
      .all(broadcastId) as unknown as WaitingGroup[];
  }

  /** Rows still to send over all broadcasts, per channel and state, with the oldest one's age: for metrics. */
  queueStats(): Array<{
    channel: SubscriberChannel;
    status: OutboxStatus;
    count: number;
    oldestCreatedAt: number | null;
  }> {
    return this.#db
      .prepare(
        "SELECT channel, status, COUNT(*) AS count, MIN(created_at) AS oldestCreatedAt FROM outbox WHERE status IN ('queued', 'sending') GROUP BY channel, status",
      )
      .all() as unknown as Array<{
      channel: SubscriberChannel;
      status: OutboxStatus;
      count: number;
      oldestCreatedAt: number | null;
    }>;
  }

  /** Messages per channel and state over all broadcasts: for metrics. */
  totals(): DeliveryCount[] {
    return this.#db
      .prepare('SELECT channel, status, COUNT(*) AS count FROM outbox GROUP BY channel, status')
      .all() as unknown as DeliveryCount[];
  }

  /** Counts per channel and status for a broadcast. */
  counts(broadcastId: string): DeliveryCount[] {
    return this.#db
      .prepare(
        'SELECT channel, status, COUNT(*) AS count FROM outbox WHERE broadcast_id = ? GROUP BY channel, status ORDER BY channel, status',
      )
      .all(broadcastId) as unknown as DeliveryCount[];
  }

  /** Rows of recipients who deleted their data (their subscriber is gone), whatever became of the row. */
  leftCount(broadcastId: string): number {
    return (
      this.#db
        .prepare('SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = ? AND subscriber_id IS NULL')
        .get(broadcastId) as { n: number }
    ).n;
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

  /**
   * Sends failed rows again ("retry failed"); returns how many were queued. Rows of people
   * who deleted their data are never sent again.
   */
  retryFailed(broadcastId: string, now: number): number {
    return Number(
      this.#db
        .prepare(
          `UPDATE outbox SET status = 'queued', next_attempt_at = ?, attempts = 0, trouble_since = NULL, wait_reason = NULL
           WHERE broadcast_id = ? AND status = 'failed' AND subscriber_id IS NOT NULL`,
        )
        .run(now, broadcastId).changes,
    );
  }

  /**
   * Recipients who got (or are getting) a broadcast: every row that did not fail or fall
   * back, of people who are still subscribed (a follow-up never goes to someone who left).
   */
  recipientsOf(
    broadcastId: string,
  ): Array<{ subscriberId: number | null; channel: SubscriberChannel; address: string }> {
    return this.#db
      .prepare(
        `SELECT DISTINCT o.subscriber_id AS subscriberId, o.channel, o.address FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
         WHERE o.broadcast_id = ? AND o.status IN ('queued', 'sending', 'sent') ORDER BY o.id`,
      )
      .all(broadcastId) as unknown as Array<{
      subscriberId: number | null;
      channel: SubscriberChannel;
      address: string;
    }>;
  }

  /** Records a gateway's delivery report on the row with this idempotency key. */
  recordDeliveryReport(key: string, state: string): boolean {
    return (
      this.#db.prepare('UPDATE outbox SET delivery_report = ? WHERE idempotency_key = ?').run(state, key).changes > 0
    );
  }

  /** When the first and the last row of a broadcast were sent, for the sending rate. */
  sendWindow(broadcastId: string): { first: number | null; last: number | null } {
    return this.#db
      .prepare(
        "SELECT MIN(sent_at) AS first, MAX(sent_at) AS last FROM outbox WHERE broadcast_id = ? AND status = 'sent'",
      )
      .get(broadcastId) as {
      first: number | null;
      last: number | null;
    };
  }

  /**
   * For a subscriber who deletes their data: their outbox history keeps counts but not their
   * address, and nothing still queued for them is sent.
   */
  forgetRecipient(subscriberId: number): void {
    this.#db
      .prepare(
        "UPDATE outbox SET address = '(verwijderd)', status = CASE WHEN status IN ('queued', 'sending', 'failed') THEN 'deleted' ELSE status END, last_error = CASE WHEN status IN ('queued', 'sending', 'failed') THEN 'ontvanger heeft gegevens verwijderd' ELSE last_error END WHERE subscriber_id = ?",
      )
      .run(subscriberId);
  }
}
