import type { Broadcast, BroadcastChannel, BroadcastStatus } from '../../schemas/broadcast.ts';
import type { Database } from '../store/database.ts';

interface BroadcastRow {
  id: string;
  message_type: Broadcast['messageType'];
  references_id: string | null;
  script_slug: string;
  scenario: string;
  status: BroadcastStatus;
  training: number;
  channels: string;
  lists: string;
  fields: string;
  severity: Broadcast['severity'];
  area: string;
  title: string;
  web_body: string;
  email_subject: string;
  email_text: string;
  sms_text: string;
  created_by: string;
  created_at: string;
  submitted_at: string | null;
  approved_by: string | null;
  published_at: string | null;
  returned_by: string | null;
  returned_at: string | null;
  returned_reason: string | null;
}

function fromRow(row: BroadcastRow): Broadcast {
  return {
    id: row.id,
    messageType: row.message_type,
    references: row.references_id,
    scriptSlug: row.script_slug,
    scenario: row.scenario,
    status: row.status,
    training: row.training === 1,
    channels: JSON.parse(row.channels) as BroadcastChannel[],
    lists: JSON.parse(row.lists) as string[],
    fields: JSON.parse(row.fields) as Record<string, string>,
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
  };
}

/** Broadcasts in SQLite. */
export class BroadcastStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Stores a broadcast. An `internal` one (a notice to the coordinators) only feeds the
   * outbox: it is never listed, shown, put in a feed or found by `get`.
   */
  insert(b: Broadcast, options: { internal?: boolean } = {}): void {
    this.#db
      .prepare(
        `INSERT INTO broadcasts (id, message_type, references_id, script_slug, scenario, status, training, channels, lists, fields, severity, area,
           title, web_body, email_subject, email_text, sms_text, created_by, created_at, submitted_at, approved_by, published_at, internal)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      );
  }

  get(id: string): Broadcast | undefined {
    const row = this.#db.prepare('SELECT * FROM broadcasts WHERE id = ? AND internal = 0').get(id) as
      | BroadcastRow
      | undefined;
    return row && fromRow(row);
  }

  markSubmitted(id: string, at: string): void {
    this.#db
      .prepare(
        "UPDATE broadcasts SET status = 'submitted', submitted_at = ?, returned_by = NULL, returned_at = NULL, returned_reason = NULL WHERE id = ? AND status = 'draft'",
      )
      .run(at, id);
  }

  /**
   * Replaces what a coordinator wrote in a draft. Only a draft changes; returns whether it
   * did, so an edit racing a submission cannot change what the approver sees.
   */
  updateDraft(b: Broadcast): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE broadcasts SET script_slug = ?, scenario = ?, training = ?, channels = ?, lists = ?, fields = ?, severity = ?, area = ?,
             title = ?, web_body = ?, email_subject = ?, email_text = ?, sms_text = ? WHERE id = ? AND status = 'draft'`,
        )
        .run(
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
        ).changes > 0
    );
  }

  /** Deletes a draft; a submitted or published broadcast is never deleted. */
  deleteDraft(id: string): boolean {
    return this.#db.prepare("DELETE FROM broadcasts WHERE id = ? AND status = 'draft'").run(id).changes > 0;
  }

  /** Sends a submitted broadcast back to draft, with the approver's reason (or none, when the author withdraws it). */
  markReturned(id: string, note: { by: string; at: string; reason: string } | null): boolean {
    return (
      this.#db
        .prepare(
          "UPDATE broadcasts SET status = 'draft', submitted_at = NULL, returned_by = ?, returned_at = ?, returned_reason = ? WHERE id = ? AND status = 'submitted'",
        )
        .run(note?.by ?? null, note?.at ?? null, note?.reason ?? null, id).changes > 0
    );
  }

  markPublished(id: string, approvedBy: string, at: string): void {
    this.#db
      .prepare(
        "UPDATE broadcasts SET status = 'published', approved_by = ?, published_at = ? WHERE id = ? AND status = 'submitted'",
      )
      .run(approvedBy, at, id);
  }

  /** Records the validity the coordinator chose for a draft, in hours after approval. */
  setValidHours(id: string, hours: number): void {
    this.#db.prepare('UPDATE broadcasts SET valid_hours = ? WHERE id = ?').run(hours, id);
  }

  /** The validity the coordinator chose, or null for the server's default. */
  validHours(id: string): number | null {
    return (
      (
        this.#db.prepare('SELECT valid_hours AS hours FROM broadcasts WHERE id = ?').get(id) as
          | { hours: number | null }
          | undefined
      )?.hours ?? null
    );
  }

  /** Sets when a broadcast's messages stop going out (validity, or now on withdrawal); only ever earlier. */
  setExpiry(id: string, at: number): void {
    this.#db.prepare('UPDATE broadcasts SET expires_at = MIN(COALESCE(expires_at, ?), ?) WHERE id = ?').run(at, at, id);
  }

  /** Newest first: drafts and submitted ones for the console, with published ones after. */
  list(limit = 100): Broadcast[] {
    return (
      this.#db
        .prepare('SELECT * FROM broadcasts WHERE internal = 0 ORDER BY created_at DESC, id DESC LIMIT ?')
        .all(limit) as unknown as BroadcastRow[]
    ).map(fromRow);
  }

  /** Published broadcasts for the public site (or the exercise page), newest first. */
  published(training: boolean, limit = 50): Broadcast[] {
    return (
      this.#db
        .prepare(
          "SELECT * FROM broadcasts WHERE status = 'published' AND internal = 0 AND training = ? AND channels LIKE '%\"web\"%' ORDER BY published_at DESC LIMIT ?",
        )
        .all(training ? 1 : 0, limit) as unknown as BroadcastRow[]
    ).map(fromRow);
  }

  /** How many broadcasts were ever published on the site (web channel); it only grows. */
  publishedCount(training: boolean): number {
    const row = this.#db
      .prepare(
        "SELECT COUNT(*) AS n FROM broadcasts WHERE status = 'published' AND training = ? AND channels LIKE '%\"web\"%'",
      )
      .get(training ? 1 : 0) as { n: number };
    return Number(row.n);
  }

  /** Published follow-ups (corrections and withdrawals) of a broadcast, oldest first. */
  followUps(id: string): Broadcast[] {
    return (
      this.#db
        .prepare(
          "SELECT * FROM broadcasts WHERE references_id = ? AND status = 'published' AND internal = 0 ORDER BY published_at",
        )
        .all(id) as unknown as BroadcastRow[]
    ).map(fromRow);
  }
}
