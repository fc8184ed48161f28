import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { integer, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';
import type { AuditAnchor } from './audit-anchor.ts';

/** What happened, by whom, to what. `details` must be JSON-serialisable. */
export interface AuditEvent {
  actor: string;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry extends Required<AuditEvent> {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export type AuditVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | undefined }
  | { ok: false; seq: number; reason: string };

const GENESIS = '0'.repeat(64);
// Bounds per entry, so a request from a stranger can never write much (a long user name, an Origin header).
const MAX_TEXT = 200;
const MAX_DETAIL_TEXT = 300;
const MAX_DETAILS = 2000;

function entryBody(entry: Omit<AuditEntry, 'hash'>): string {
  return `${entry.prevHash}\n${JSON.stringify([entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details])}`;
}

/** Entries made before the log was keyed: plain SHA-256, which anyone can recompute. */
const legacyHash = (entry: Omit<AuditEntry, 'hash'>) => createHash('sha256').update(entryBody(entry)).digest('hex');

function bounded(details: Record<string, unknown>): Record<string, unknown> {
  const short = JSON.parse(
    JSON.stringify(details, (_key, value: unknown) =>
      typeof value === 'string' && value.length > MAX_DETAIL_TEXT ? `${value.slice(0, MAX_DETAIL_TEXT)}…` : value,
    ),
  ) as Record<string, unknown>;
  const text = JSON.stringify(short);
  return text.length > MAX_DETAILS ? { ingekort: `${text.slice(0, MAX_DETAILS)}…` } : short;
}

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/**
 * The append-only audit log. Each entry holds an HMAC (key outside the database) over its
 * content and the previous entry's hash, so rewriting and re-hashing rows needs the key; and
 * every new head is also written to an anchor outside the database, so deleting the last
 * entries, or all of them, shows up too.
 */
export class AuditLog {
  readonly #sql: Sql;
  readonly #clock: Clock;
  readonly #key: Buffer;
  readonly #anchor: AuditAnchor;
  readonly #sharedWriters: boolean;

  /**
   * `sharedWriters`: processes on other machines append to the same log (PostgreSQL), so this
   * machine's anchor holds only the heads written here; verify then checks those and the
   * tail, not that the anchor knows every entry.
   */
  constructor(sql: Sql, clock: Clock, seal: { key: Buffer; anchor: AuditAnchor; sharedWriters?: boolean }) {
    this.#sql = sql;
    this.#clock = clock;
    this.#key = seal.key;
    this.#anchor = seal.anchor;
    this.#sharedWriters = seal.sharedWriters ?? false;
  }

  /** Where the anchor is kept, and the head it recorded last (for the console). */
  anchorHead(): { location: string; seq: number; hash: string } | undefined {
    const { heads } = this.#anchor.read();
    const seq = Math.max(0, ...heads.keys());
    const hash = heads.get(seq)?.at(-1);
    return hash ? { location: this.#anchor.location, seq, hash } : undefined;
  }

  #keyedHash(entry: Omit<AuditEntry, 'hash'>): string {
    return createHmac('sha256', this.#key).update(entryBody(entry)).digest('hex');
  }

  #head(): Promise<{ seq: number; hash: string } | undefined> {
    return this.#sql.get(headRow, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  }

  /**
   * A log written before entries were keyed: its entries keep their SHA-256 chain, and the
   * anchor records where they end. New entries chain on with HMACs, so the old part can
   * no longer be rewritten without breaking the link to the first keyed entry.
   */
  async adoptUnkeyedLog(): Promise<void> {
    if (this.#anchor.read().exists) return;
    const entry = await this.#sql.get(auditRow, 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
    if (!entry) return;
    // A keyed head with no anchor means the anchor went missing: leave that for verify to report.
    if (legacyHash(entry) === entry.hash) this.#anchor.markLegacy(entry.seq, entry.hash);
  }

  /**
   * After a restore from a backup: the anchor learns that the log now ends at the restored
   * head on purpose, so verify does not report the entries made after the backup as deleted.
   */
  async markRestored(): Promise<void> {
    const head = await this.#head();
    this.#anchor.markRestored(head?.seq ?? 0, head?.hash ?? GENESIS);
  }

  /** Appends one entry, chained to the last; joins the caller's transaction if there is one. */
  append(event: AuditEvent): Promise<AuditEntry> {
    return this.#sql.transaction(async () => {
      const last = await this.#head();
      const entry = {
        seq: (last?.seq ?? 0) + 1,
        at: this.#clock.now().toISOString(),
        actor: clip(event.actor),
        action: clip(event.action),
        subject: clip(event.subject),
        details: bounded(event.details ?? {}),
        prevHash: last?.hash ?? GENESIS,
      };
      const hash = this.#keyedHash(entry);
      await this.#sql.run(
        'INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          entry.seq,
          entry.at,
          entry.actor,
          entry.action,
          entry.subject,
          JSON.stringify(entry.details),
          entry.prevHash,
          hash,
        ],
      );
      this.#anchor.record(entry.seq, hash);
      return { ...entry, hash };
    });
  }

  /** The newest entries first. */
  recent(limit: number, subject?: string): Promise<AuditEntry[]> {
    return subject
      ? this.#sql.all(auditRow, 'SELECT * FROM audit_log WHERE subject = $1 ORDER BY seq DESC LIMIT $2', [
          subject,
          limit,
        ])
      : this.#sql.all(auditRow, 'SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1', [limit]);
  }

  /** Every entry in order, a page at a time (a long log never sits in memory whole). */
  async *#entries(): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const page = await this.#sql.all(auditRow, 'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000', [
        after,
      ]);
      yield* page;
      const last = page.at(-1);
      if (!last || page.length < 1000) return;
      after = last.seq;
    }
  }

  /**
   * Recomputes the chain from the first entry and compares the end with the anchor. Returns
   * the first problem (in Dutch, for the operator), or `ok` with the number of entries.
   */
  async verify(): Promise<AuditVerdict> {
    const anchor = this.#anchor.read();
    const legacy = anchor.legacy ?? { seq: 0, hash: GENESIS };
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    for await (const entry of this.#entries()) {
      if (entry.seq !== expectedSeq)
        return { ok: false, seq: expectedSeq, reason: `regel ${expectedSeq} ontbreekt (verwijderd)` };
      if (entry.prevHash !== prevHash)
        return {
          ok: false,
          seq: entry.seq,
          reason: `regel ${entry.seq}: de verwijzing naar de vorige regel klopt niet`,
        };
      const unkeyed = entry.seq <= legacy.seq;
      if ((unkeyed ? legacyHash(entry) : this.#keyedHash(entry)) !== entry.hash) {
        return {
          ok: false,
          seq: entry.seq,
          reason: `regel ${entry.seq}: de inhoud is gewijzigd (de sleutel past niet bij de hash)`,
        };
      }
      if (entry.seq === legacy.seq && entry.hash !== legacy.hash) {
        return {
          ok: false,
          seq: entry.seq,
          reason: `regel ${entry.seq}: de oude regels zijn herschreven (de hash klopt niet met het anker)`,
        };
      }
      const anchored = anchor.heads.get(entry.seq);
      if (!unkeyed && anchored && !anchored.includes(entry.hash)) {
        return {
          ok: false,
          seq: entry.seq,
          reason: `regel ${entry.seq}: de hash klopt niet met het anker buiten de database`,
        };
      }
      prevHash = entry.hash;
      expectedSeq += 1;
      count += 1;
    }
    const last = count;
    const anchoredLast = Math.max(legacy.seq, ...anchor.heads.keys());
    if (anchoredLast > last) {
      if (last === 0)
        return {
          ok: false,
          seq: 1,
          reason: `het auditlog is leeg, maar het anker kent ${anchoredLast} regels: alles is verwijderd`,
        };
      const missing = anchoredLast - last;
      return {
        ok: false,
        seq: last + 1,
        reason: `de laatste ${missing === 1 ? 'regel ontbreekt' : `${missing} regels ontbreken`} (regel ${last + 1} tot en met ${anchoredLast} zijn verwijderd)`,
      };
    }
    if (last > legacy.seq && !anchor.exists && !this.#sharedWriters)
      return {
        ok: false,
        seq: last,
        reason: `het anker (${this.#anchor.location}) ontbreekt, terwijl het auditlog ${last} regels heeft`,
      };
    for (let seq = legacy.seq + 1; seq <= last && !this.#sharedWriters; seq += 1) {
      if (!anchor.heads.has(seq))
        return {
          ok: false,
          seq,
          reason: `het anker (${this.#anchor.location}) mist regel ${seq}: het is ingekort of vervangen`,
        };
    }
    return { ok: true, count, head: last > 0 ? { seq: last, hash: prevHash } : undefined };
  }
}

const headRow = z.object({ seq: integer, hash: text });

/** A stored entry; details that are not JSON (never written by Baken) are shown as they are. */
const auditRow = z
  .object({
    seq: integer,
    at: text,
    actor: text,
    action: text,
    subject: text,
    details: text,
    prev_hash: text,
    hash: text,
  })
  .transform((row): AuditEntry => {
    let details: Record<string, unknown>;
    try {
      details = z.record(z.string(), z.unknown()).parse(JSON.parse(row.details));
    } catch {
      details = { unreadable: row.details };
    }
    return {
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      subject: row.subject,
      details,
      prevHash: row.prev_hash,
      hash: row.hash,
    };
  });
