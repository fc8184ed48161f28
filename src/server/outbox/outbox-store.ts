import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BROADCAST_CHANNELS } from '../../schemas/broadcast.ts';
import { SUBSCRIBER_CHANNELS, type SubscriberChannel } from '../../schemas/subscriber.ts';
import { flag, integer, jsonText, nullableInteger, nullableText, text } from '../store/columns.ts';
import type { Sql, SqlValue } from '../store/sql.ts';

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

const channel = z.enum(SUBSCRIBER_CHANNELS);
const status = z.enum(OUTBOX_STATUSES);
const claimedRow = z.object({
  id: integer,
  broadcast_id: text,
  subscriber_id: nullableInteger,
  channel,
  address: text,
  attempts: integer,
  lease_token: text,
  trouble_since: nullableInteger,
  idempotency_key: text,
  created_at: integer,
  training: flag,
  channels: jsonText(z.array(z.enum(BROADCAST_CHANNELS))),
  email_subject: text,
  email_text: text,
  sms_text: text,
  token: nullableText,
  email: nullableText,
  phone: nullableText,
  fallback_channel: channel.nullable(),
});
const idRow = z.object({ id: integer });
const waitingRow = z.object({
  channel,
  provider: nullableText,
  reason: z.enum(['retry', 'unavailable', 'sending']).nullable(),
  count: integer,
  nextAttemptAt: integer,
  lastError: nullableText,
});
const countRow = z.object({ channel, status, count: integer });
const queueRow = countRow.extend({ oldestCreatedAt: nullableInteger });
const failedRow = z.object({
  id: integer,
  channel,
  address: text,
  status,
  attempts: integer,
  lastError: nullableText,
  provider: nullableText,
});
const exportRow = failedRow.extend({ sentAt: nullableInteger, deliveryReport: nullableText });
const recipientRow = z.object({ subscriberId: nullableInteger, channel, address: text });
const windowRow = z.object({ first: nullableInteger, last: nullableInteger });
const leftRow = z.object({ n: integer });

// Rows per INSERT when enqueueing: one statement per batch instead of one per recipient, well
// under both databases' limit on parameters (8 per row).
const ENQUEUE_BATCH = 500;

/** Numbered parameters `$from` … for `count` values, comma-separated. */
const placeholders = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/**
 * The outbox: rows are claimed with a lease, so a crashed worker's rows come back. Every
 * change to a claimed row is one statement fenced by its lease token; on PostgreSQL claims
 * lock with SKIP LOCKED, so workers on several machines never take the same row.
 */
export class OutboxStore {
  readonly #sql: Sql;
  readonly #linkToken: (tokenId: string) => string;

  /** `linkToken` turns a subscriber's stored token id into the token their links carry. */
  constructor(sql: Sql, linkToken: (tokenId: string) => string) {
    this.#sql = sql;
    this.#linkToken = linkToken;
  }

  /** Adds rows (joining the caller's transaction); a row whose key exists already is skipped. */
  enqueue(rows: NewOutboxRow[], now: number): Promise<number> {
    return this.#sql.transaction(async () => {
      let added = 0;
      for (let start = 0; start < rows.length; start += ENQUEUE_BATCH) {
        const batch = rows.slice(start, start + ENQUEUE_BATCH);
        const values: SqlValue[] = [];
        const tuples = batch.map((row, i) => {
          values.push(
            row.broadcastId,
            row.subscriberId,
            row.channel,
            row.address,
            now,
            idempotencyKey(row),
            row.fallbackOf ?? null,
            now,
          );
          const p = i * 8;
          return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, 'queued', $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8})`;
        });
        added += await this.#sql.run(
          `INSERT INTO outbox (broadcast_id, subscriber_id, channel, address, status, next_attempt_at, idempotency_key, fallback_of, created_at)
           VALUES ${tuples.join(', ')} ON CONFLICT (idempotency_key) DO NOTHING`,
          values,
        );
      }
      return added;
    });
  }

  /**
   * Claims up to `limit` due rows of one lane for `owner` until `now + leaseMs`: queued rows
   * whose time has come, and rows whose lease ran out (their worker died). Each claim gets a
   * new token, so a worker whose lease ran out can no longer mark the row. A claim is not an
   * attempt: attempts count only sends a provider really got. One statement: on PostgreSQL
   * rows another worker is claiming right now are skipped, not waited for.
   */
  async claim(owner: string, lane: Lane, limit: number, now: number, leaseMs: number): Promise<ClaimedRow[]> {
    if (limit <= 0) return [];
    const token = `${owner}.${randomBytes(6).toString('hex')}`;
    const skipLocked = this.#sql.dialect === 'postgres' ? 'FOR UPDATE OF o SKIP LOCKED' : '';
    const ids = (
      await this.#sql.all(
        idRow,
        `UPDATE outbox SET status = 'sending', lease_owner = $1, lease_until = $2, lease_token = $3
         WHERE id IN (SELECT o.id FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id
                      WHERE o.channel = $4 AND b.training = $5
                        AND ((o.status = 'queued' AND o.next_attempt_at <= $6) OR (o.status = 'sending' AND o.lease_until < $6))
                      ORDER BY o.next_attempt_at, o.id LIMIT $7 ${skipLocked})
         RETURNING id`,
        [owner, now + leaseMs, token, lane.channel, lane.training ? 1 : 0, now, limit],
      )
    ).map((r) => r.id);
    if (ids.length === 0) return [];
    const rows = await this.#sql.all(
      claimedRow,
      `SELECT o.id, o.broadcast_id, o.subscriber_id, o.channel, o.address, o.attempts, o.lease_token, o.trouble_since, o.idempotency_key, o.created_at,
              b.training, b.channels, b.email_subject, b.email_text, b.sms_text, s.token, s.email, s.phone, s.fallback_channel
       FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id LEFT JOIN subscribers s ON s.id = o.subscriber_id
       WHERE o.id IN (${placeholders(1, ids.length)}) AND o.lease_token = $${ids.length + 1} ORDER BY o.id`,
      [...ids, token],
    );
    return rows.map((r) => ({
      id: r.id,
      broadcastId: r.broadcast_id,
      subscriberId: r.subscriber_id,
      channel: r.channel,
      address: r.address,
      attempts: r.attempts,
      leaseToken: r.lease_token,
      troubleSince: r.trouble_since,
      idempotencyKey: r.idempotency_key,
      createdAt: r.created_at,
      training: r.training,
      channels: r.channels.filter((c): c is SubscriberChannel => c !== 'web'),
      onWeb: r.channels.includes('web'),
      emailSubject: r.email_subject,
      emailText: r.email_text,
      smsText: r.sms_text,
      subscriberToken: r.token === null ? null : this.#linkToken(r.token),
      subscriberEmail: r.email,
      subscriberPhone: r.phone,
      fallbackChannel: r.fallback_channel,
    }));
  }

  /** Extends the lease of every row still held under `token`; returns how many it held. */
  renew(token: string, until: number): Promise<number> {
    return this.#sql.run("UPDATE outbox SET lease_until = $1 WHERE lease_token = $2 AND status = 'sending'", [
      until,
      token,
    ]);
  }

  /**
   * Ends rows that must not be sent any more: those of broadcasts past their validity, which
   * ends at once when a withdrawal (`withdrawn`) or correction (`expired`) is approved — this
   * catches rows that were in a worker's hands then and came back after a failure — and
   * those of recipients who deleted their data (`deleted`). Returns how many.
   */
  stopStale(now: number): Promise<number> {
    return this.#sql.transaction(async () => {
      const followUp = (type: string) =>
        `EXISTS (SELECT 1 FROM broadcasts f WHERE f.references_id = outbox.broadcast_id AND f.message_type = '${type}' AND f.status = 'published')`;
      const expired = await this.#sql.run(
        `UPDATE outbox SET
           status = CASE WHEN ${followUp('cancel')} THEN 'withdrawn' ELSE 'expired' END,
           last_error = CASE WHEN ${followUp('cancel')} THEN 'het bericht is ingetrokken'
                             WHEN ${followUp('update')} THEN 'vervangen door een correctie'
                             ELSE 'het bericht is niet meer geldig' END,
           lease_owner = NULL, lease_until = NULL, lease_token = NULL
         WHERE status = 'queued' AND broadcast_id IN (SELECT id FROM broadcasts WHERE expires_at IS NOT NULL AND expires_at <= $1)`,
        [now],
      );
      const deleted = await this.#sql.run(
        "UPDATE outbox SET status = 'deleted', last_error = 'ontvanger heeft gegevens verwijderd', lease_owner = NULL, lease_until = NULL, lease_token = NULL WHERE status = 'queued' AND subscriber_id IS NULL",
      );
      return expired + deleted;
    });
  }

  /**
   * Stops a broadcast's messages that are still waiting (not those a worker is sending right
   * now): `withdrawn` when it is withdrawn, `expired` when a correction replaces it.
   */
  stopUnsent(broadcastId: string, stopped: 'withdrawn' | 'expired', reason: string): Promise<number> {
    return this.#sql.run(
      "UPDATE outbox SET status = $1, last_error = $2, lease_owner = NULL, lease_until = NULL, lease_token = NULL WHERE broadcast_id = $3 AND status = 'queued'",
      [stopped, reason, broadcastId],
    );
  }

  /** Marks a row sent, if `token` is still its latest claim. */
  async markSent(
    id: number,
    token: string,
    provider: string,
    providerMessageId: string | undefined,
    now: number,
  ): Promise<boolean> {
    const changed = await this.#sql.run(
      `UPDATE outbox SET status = 'sent', sent_at = $1, provider = $2, provider_message_id = $3, last_error = NULL, wait_reason = NULL, attempts = attempts + 1,
         lease_owner = NULL, lease_until = NULL, lease_token = NULL
       WHERE id = $4 AND lease_token = $5 AND status = 'sending'`,
      [now, provider, providerMessageId ?? null, id, token],
    );
    return changed > 0;
  }

  /**
   * Puts a row back in the queue until `nextAttemptAt`, if `token` is still its latest claim.
   * A wait for a provider keeps the last real error, which says more than "no provider".
   */
  async reschedule(
    id: number,
    token: string,
    nextAttemptAt: number,
    reason: Exclude<WaitReason, null>,
    done: Completion,
    now: number,
  ): Promise<boolean> {
    const keepError = reason === 'unavailable' ? 1 : 0;
    const changed = await this.#sql.run(
      `UPDATE outbox SET status = 'queued', next_attempt_at = $1, wait_reason = $2, last_error = CASE WHEN $3 = 1 AND last_error IS NOT NULL THEN last_error ELSE $4 END,
         provider = COALESCE($5, provider), attempts = attempts + $6,
         trouble_since = COALESCE(trouble_since, $7), lease_owner = NULL, lease_until = NULL, lease_token = NULL
       WHERE id = $8 AND lease_token = $9 AND status = 'sending'`,
      [nextAttemptAt, reason, keepError, done.error, done.provider, done.attempted ? 1 : 0, now, id, token],
    );
    return changed > 0;
  }

  /** Ends a row with `status` (failed, or deleted when the recipient left), if `token` is still its latest claim. */
  async finish(id: number, token: string, ended: 'failed' | 'deleted', done: Completion): Promise<boolean> {
    const changed = await this.#sql.run(
      `UPDATE outbox SET status = $1, last_error = $2, provider = COALESCE($3, provider), attempts = attempts + $4, wait_reason = NULL,
         lease_owner = NULL, lease_until = NULL, lease_token = NULL
       WHERE id = $5 AND lease_token = $6 AND status = 'sending'`,
      [ended, done.error, done.provider, done.attempted ? 1 : 0, id, token],
    );
    return changed > 0;
  }

  /** Ends a row as fallen back and queues the message on the other channel, in one transaction. */
  fallBack(id: number, token: string, done: Completion, fallback: NewOutboxRow, now: number): Promise<boolean> {
    return this.#sql.transaction(async () => {
      const changed = await this.#sql.run(
        `UPDATE outbox SET status = 'fell_back', last_error = $1, provider = COALESCE($2, provider), attempts = attempts + $3, wait_reason = NULL,
           lease_owner = NULL, lease_until = NULL, lease_token = NULL
         WHERE id = $4 AND lease_token = $5 AND status = 'sending'`,
        [done.error, done.provider, done.attempted ? 1 : 0, id, token],
      );
      if (changed > 0) await this.enqueue([{ ...fallback, fallbackOf: id }], now);
      return changed > 0;
    });
  }

  /** What of a broadcast still waits, per channel, provider and reason, with the next try. */
  waiting(broadcastId: string): Promise<WaitingGroup[]> {
    return this.#sql.all(
      waitingRow,
      `SELECT channel, provider, CASE WHEN status = 'sending' THEN 'sending' ELSE wait_reason END AS reason, COUNT(*) AS count,
              MIN(next_attempt_at) AS "nextAttemptAt", MAX(last_error) AS "lastError"
       FROM outbox WHERE broadcast_id = $1 AND status IN ('queued', 'sending')
       GROUP BY channel, provider, reason ORDER BY channel, provider NULLS FIRST, reason NULLS FIRST`,
      [broadcastId],
    );
  }

  /** Rows still to send over all broadcasts, per channel and state, with the oldest one's age: for metrics. */
  queueStats(): Promise<Array<z.infer<typeof queueRow>>> {
    return this.#sql.all(
      queueRow,
      `SELECT channel, status, COUNT(*) AS count, MIN(created_at) AS "oldestCreatedAt" FROM outbox WHERE status IN ('queued', 'sending') GROUP BY channel, status`,
    );
  }

  /** Messages per channel and state over all broadcasts: for metrics. */
  totals(): Promise<DeliveryCount[]> {
    return this.#sql.all(countRow, 'SELECT channel, status, COUNT(*) AS count FROM outbox GROUP BY channel, status');
  }

  /** Counts per channel and status for a broadcast. */
  counts(broadcastId: string): Promise<DeliveryCount[]> {
    return this.#sql.all(
      countRow,
      'SELECT channel, status, COUNT(*) AS count FROM outbox WHERE broadcast_id = $1 GROUP BY channel, status ORDER BY channel, status',
      [broadcastId],
    );
  }

  /** Rows of recipients who deleted their data (their subscriber is gone), whatever became of the row. */
  async leftCount(broadcastId: string): Promise<number> {
    const row = await this.#sql.get(
      leftRow,
      'SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = $1 AND subscriber_id IS NULL',
      [broadcastId],
    );
    return row?.n ?? 0;
  }

  /** Rows that failed or fell back, with the reason. */
  failures(broadcastId: string, limit = 200): Promise<FailedRow[]> {
    return this.#sql.all(
      failedRow,
      `SELECT id, channel, address, status, attempts, last_error AS "lastError", provider FROM outbox WHERE broadcast_id = $1 AND status IN ('failed', 'fell_back') ORDER BY id LIMIT $2`,
      [broadcastId, limit],
    );
  }

  /** Every row of a broadcast, for the CSV export. */
  all(broadcastId: string): Promise<Array<FailedRow & { sentAt: number | null; deliveryReport: string | null }>> {
    return this.#sql.all(
      exportRow,
      'SELECT id, channel, address, status, attempts, last_error AS "lastError", provider, sent_at AS "sentAt", delivery_report AS "deliveryReport" FROM outbox WHERE broadcast_id = $1 ORDER BY id',
      [broadcastId],
    );
  }

  /**
   * Sends failed rows again ("retry failed"); returns how many were queued. Rows of people
   * who deleted their data are never sent again.
   */
  retryFailed(broadcastId: string, now: number): Promise<number> {
    return this.#sql.run(
      `UPDATE outbox SET status = 'queued', next_attempt_at = $1, attempts = 0, trouble_since = NULL, wait_reason = NULL
       WHERE broadcast_id = $2 AND status = 'failed' AND subscriber_id IS NOT NULL`,
      [now, broadcastId],
    );
  }

  /**
   * Recipients who got (or are getting) a broadcast: every row that did not fail or fall
   * back, of people who are still subscribed (a follow-up never goes to someone who left).
   */
  recipientsOf(
    broadcastId: string,
  ): Promise<Array<{ subscriberId: number | null; channel: SubscriberChannel; address: string }>> {
    return this.#sql.all(
      recipientRow,
      `SELECT o.subscriber_id AS "subscriberId", o.channel, o.address FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
       WHERE o.broadcast_id = $1 AND o.status IN ('queued', 'sending', 'sent')
       GROUP BY o.subscriber_id, o.channel, o.address ORDER BY MIN(o.id)`,
      [broadcastId],
    );
  }

  /** Records a gateway's delivery report on the row with this idempotency key. */
  async recordDeliveryReport(key: string, state: string): Promise<boolean> {
    return (await this.#sql.run('UPDATE outbox SET delivery_report = $1 WHERE idempotency_key = $2', [state, key])) > 0;
  }

  /** When the first and the last row of a broadcast were sent, for the sending rate. */
  async sendWindow(broadcastId: string): Promise<{ first: number | null; last: number | null }> {
    const row = await this.#sql.get(
      windowRow,
      "SELECT MIN(sent_at) AS first, MAX(sent_at) AS last FROM outbox WHERE broadcast_id = $1 AND status = 'sent'",
      [broadcastId],
    );
    return row ?? { first: null, last: null };
  }

  /**
   * For a subscriber who deletes their data: their outbox history keeps counts but not their
   * address, and nothing still queued for them is sent.
   */
  async forgetRecipient(subscriberId: number): Promise<void> {
    await this.#sql.run(
      "UPDATE outbox SET address = '(verwijderd)', status = CASE WHEN status IN ('queued', 'sending', 'failed') THEN 'deleted' ELSE status END, last_error = CASE WHEN status IN ('queued', 'sending', 'failed') THEN 'ontvanger heeft gegevens verwijderd' ELSE last_error END WHERE subscriber_id = $1",
      [subscriberId],
    );
  }
}
