import { z } from 'zod';
import {
  BROADCAST_CHANNELS,
  BROADCAST_STATUSES,
  type Broadcast,
  MESSAGE_TYPES,
  SEVERITIES,
} from '../../schemas/broadcast.ts';
import { countRow, flag, jsonText, nullableInteger, nullableText, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

const broadcastRow = z
  .object({
    id: text,
    message_type: z.enum(MESSAGE_TYPES),
    references_id: nullableText,
    script_slug: text,
    scenario: text,
    status: z.enum(BROADCAST_STATUSES),
    training: flag,
    channels: jsonText(z.array(z.enum(BROADCAST_CHANNELS))),
    lists: jsonText(z.array(z.string())),
    fields: jsonText(z.record(z.string(), z.string())),
    severity: z.enum(SEVERITIES),
    area: text,
    title: text,
    web_body: text,
    email_subject: text,
    email_text: text,
    sms_text: text,
    created_by: text,
    created_at: text,
    submitted_at: nullableText,
    approved_by: nullableText,
    published_at: nullableText,
    returned_by: nullableText,
    returned_at: nullableText,
    returned_reason: nullableText,
  })
  .transform(
    (row): Broadcast => ({
      id: row.id,
      messageType: row.message_type,
      references: row.references_id,
      scriptSlug: row.script_slug,
      scenario: row.scenario,
      status: row.status,
      training: row.training,
      channels: row.channels,
      lists: row.lists,
      fields: row.fields,
      severity: row.severity,
      area: row.area,
      title: row.title,
      webBody: row.web_body,
      emailSubject: row.email_subject,
      emailText: row.email_text,
      smsText: row.sms_text,
      createdBy: row.created_by,
      createdAt: row.created_at,
      submittedAt: row.submitted_at,
      approvedBy: row.approved_by,
      publishedAt: row.published_at,
      returned:
        row.returned_by && row.returned_at
          ? { by: row.returned_by, at: row.returned_at, reason: row.returned_reason ?? '' }
          : null,
    }),
  );
const hoursRow = z.object({ hours: nullableInteger });

// The web channel as it sits in the stored JSON array of channels.
const ON_WEB = `channels LIKE '%"web"%'`;

/** Broadcasts in the store. */
export class BroadcastStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /**
   * Stores a broadcast. An `internal` one (a notice to the coordinators) only feeds the
   * outbox: it is never listed, shown, put in a feed or found by `get`.
   */
  async insert(b: Broadcast, options: { internal?: boolean } = {}): Promise<void> {
    await this.#sql.run(
      `INSERT INTO broadcasts (id, message_type, references_id, script_slug, scenario, status, training, channels, lists, fields, severity, area,
         title, web_body, email_subject, email_text, sms_text, created_by, created_at, submitted_at, approved_by, published_at, internal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
      [
        b.id,
        b.messageType,
        b.references,
        b.scriptSlug,
        b.scenario,
        b.status,
        b.training ? 1 : 0,
        JSON.stringify(b.channels),
        JSON.stringify(b.lists),
        JSON.stringify(b.fields),
        b.severity,
        b.area,
        b.title,
        b.webBody,
        b.emailSubject,
        b.emailText,
        b.smsText,
        b.createdBy,
        b.createdAt,
        b.submittedAt,
        b.approvedBy,
        b.publishedAt,
        options.internal ? 1 : 0,
      ],
    );
  }

  get(id: string): Promise<Broadcast | undefined> {
    return this.#sql.get(broadcastRow, 'SELECT * FROM broadcasts WHERE id = $1 AND internal = 0', [id]);
  }

  async markSubmitted(id: string, at: string): Promise<void> {
    await this.#sql.run(
      "UPDATE broadcasts SET status = 'submitted', submitted_at = $1, returned_by = NULL, returned_at = NULL, returned_reason = NULL WHERE id = $2 AND status = 'draft'",
      [at, id],
    );
  }

  /**
   * Replaces what a coordinator wrote in a draft. Only a draft changes; returns whether it
   * did, so an edit racing a submission cannot change what the approver sees.
   */
  async updateDraft(b: Broadcast): Promise<boolean> {
    const changed = await this.#sql.run(
      `UPDATE broadcasts SET script_slug = $1, scenario = $2, training = $3, channels = $4, lists = $5, fields = $6, severity = $7, area = $8,
         title = $9, web_body = $10, email_subject = $11, email_text = $12, sms_text = $13 WHERE id = $14 AND status = 'draft'`,
      [
        b.scriptSlug,
        b.scenario,
        b.training ? 1 : 0,
        JSON.stringify(b.channels),
        JSON.stringify(b.lists),
        JSON.stringify(b.fields),
        b.severity,
        b.area,
        b.title,
        b.webBody,
        b.emailSubject,
        b.emailText,
        b.smsText,
        b.id,
      ],
    );
    return changed > 0;
  }

  /** Deletes a draft; a submitted or published broadcast is never deleted. */
  async deleteDraft(id: string): Promise<boolean> {
    return (await this.#sql.run("DELETE FROM broadcasts WHERE id = $1 AND status = 'draft'", [id])) > 0;
  }

  /** Sends a submitted broadcast back to draft, with the approver's reason (or none, when the author withdraws it). */
  async markReturned(id: string, note: { by: string; at: string; reason: string } | null): Promise<boolean> {
    const changed = await this.#sql.run(
      "UPDATE broadcasts SET status = 'draft', submitted_at = NULL, returned_by = $1, returned_at = $2, returned_reason = $3 WHERE id = $4 AND status = 'submitted'",
      [note?.by ?? null, note?.at ?? null, note?.reason ?? null, id],
    );
    return changed > 0;
  }

  /** Publishes a submitted broadcast; false when it was not (or no longer) submitted. */
  async markPublished(id: string, approvedBy: string, at: string): Promise<boolean> {
    const changed = await this.#sql.run(
      "UPDATE broadcasts SET status = 'published', approved_by = $1, published_at = $2 WHERE id = $3 AND status = 'submitted'",
      [approvedBy, at, id],
    );
    return changed > 0;
  }

  /** Records the validity the coordinator chose for a draft, in hours after approval. */
  async setValidHours(id: string, hours: number): Promise<void> {
    await this.#sql.run('UPDATE broadcasts SET valid_hours = $1 WHERE id = $2', [hours, id]);
  }

  /** The validity the coordinator chose, or null for the server's default. */
  async validHours(id: string): Promise<number | null> {
    return (
      (await this.#sql.get(hoursRow, 'SELECT valid_hours AS hours FROM broadcasts WHERE id = $1', [id]))?.hours ?? null
    );
  }

  /** Sets when a broadcast's messages stop going out (validity, or now on withdrawal); only ever earlier. */
  async setExpiry(id: string, at: number): Promise<void> {
    await this.#sql.run(
      'UPDATE broadcasts SET expires_at = CASE WHEN expires_at IS NOT NULL AND expires_at < $1 THEN expires_at ELSE $1 END WHERE id = $2',
      [at, id],
    );
  }

  /** Newest first: drafts and submitted ones for the console, with published ones after. */
  list(limit = 100): Promise<Broadcast[]> {
    return this.#sql.all(
      broadcastRow,
      'SELECT * FROM broadcasts WHERE internal = 0 ORDER BY created_at DESC, id DESC LIMIT $1',
      [limit],
    );
  }

  /** Published broadcasts for the public site (or the exercise page), newest first. */
  published(training: boolean, limit = 50): Promise<Broadcast[]> {
    return this.#sql.all(
      broadcastRow,
      `SELECT * FROM broadcasts WHERE status = 'published' AND internal = 0 AND training = $1 AND ${ON_WEB} ORDER BY published_at DESC LIMIT $2`,
      [training ? 1 : 0, limit],
    );
  }

  /** How many broadcasts were ever published on the site (web channel); it only grows. */
  async publishedCount(training: boolean): Promise<number> {
    const row = await this.#sql.get(
      countRow,
      `SELECT COUNT(*) AS n FROM broadcasts WHERE status = 'published' AND training = $1 AND ${ON_WEB}`,
      [training ? 1 : 0],
    );
    return row?.n ?? 0;
  }

  /** Published follow-ups (corrections and withdrawals) of a broadcast, oldest first. */
  followUps(id: string): Promise<Broadcast[]> {
    return this.#sql.all(
      broadcastRow,
      "SELECT * FROM broadcasts WHERE references_id = $1 AND status = 'published' AND internal = 0 ORDER BY published_at",
      [id],
    );
  }
}
