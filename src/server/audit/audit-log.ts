import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { transaction, type Database } from '../store/database.ts';

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

const GENESIS = '0'.repeat(64);

function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const body = JSON.stringify([entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details]);
  return createHash('sha256').update(`${entry.prevHash}\n${body}`).digest('hex');
}

/** The append-only audit log: each entry holds the SHA-256 of the previous one. */
export class AuditLog {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Appends one entry, chained to the last; joins the caller's transaction if there is one. */
  append(event: AuditEvent): AuditEntry {
    return transaction(this.#db, () => {
      const last = this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const entry = {
        seq: (last?.seq ?? 0) + 1,
        at: this.#clock.now().toISOString(),
        actor: event.actor,
        action: event.action,
        subject: event.subject,
        details: event.details ?? {},
        prevHash: last?.hash ?? GENESIS,
      };
      const hash = hashEntry(entry);
      this.#db
        .prepare('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(entry.seq, entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.details), entry.prevHash, hash);
      return { ...entry, hash };
    });
  }

  /** The newest entries first. */
  recent(limit: number, subject?: string): AuditEntry[] {
    const rows = subject
      ? this.#db.prepare('SELECT * FROM audit_log WHERE subject = ? ORDER BY seq DESC LIMIT ?').all(subject, limit)
      : this.#db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit);
    return rows.map((row) => toEntry(row as unknown as AuditRow));
  }

  /**
   * Recomputes the chain from the first entry. Returns the first entry whose content or link
   * does not match, or `ok` with the number of entries checked.
   */
  verify(): { ok: true; count: number } | { ok: false; seq: number; reason: string } {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    for (const row of this.#db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      const entry = toEntry(row as unknown as AuditRow);
      if (entry.seq !== expectedSeq) return { ok: false, seq: expectedSeq, reason: 'regel ontbreekt (verwijderd)' };
      if (entry.prevHash !== prevHash) return { ok: false, seq: entry.seq, reason: 'de verwijzing naar de vorige regel klopt niet' };
      if (hashEntry(entry) !== entry.hash) return { ok: false, seq: entry.seq, reason: 'de inhoud is gewijzigd' };
      prevHash = entry.hash;
      expectedSeq += 1;
      count += 1;
    }
    return { ok: true, count };
  }
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

function toEntry(row: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    details = { unreadable: row.details };
  }
  return { seq: row.seq, at: row.at, actor: row.actor, action: row.action, subject: row.subject, details, prevHash: row.prev_hash, hash: row.hash };
}
