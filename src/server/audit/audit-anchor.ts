import { appendFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in the data folder that records the head of the audit log after every entry. */
export const AUDIT_ANCHOR_FILE = 'audit-anchor.log';

/** What the anchor remembers: every (seq, hash) written, and where the unkeyed (older) entries end. */
export interface AnchorState {
  /** Entries up to this seq were made before the log was keyed and are checked with plain SHA-256. */
  legacy: { seq: number; hash: string } | undefined;
  /** Hashes recorded per seq (a seq can appear twice when a transaction was rolled back and the number reused). */
  heads: Map<number, string[]>;
  /** Whether the anchor has ever been written (a missing anchor with entries in the table is suspicious). */
  exists: boolean;
}

/**
 * A record of the audit log's head kept outside the database: deleting the last entries,
 * or all of them, from the table leaves the anchor pointing past the end.
 */
export interface AuditAnchor {
  record(seq: number, hash: string): void;
  markLegacy(seq: number, hash: string): void;
  /** The database was restored from a backup: the log now ends at `seq` on purpose. */
  markRestored(seq: number, hash: string): void;
  read(): AnchorState;
  /** Where the anchor lives, to show in the console. */
  readonly location: string;
}

function parse(text: string, exists: boolean): AnchorState {
  const state: AnchorState = { legacy: undefined, heads: new Map(), exists };
  for (const line of text.split('\n')) {
    const [first = '', second = '', third] = line.trim().split(' ');
    if (first === 'legacy' && third !== undefined) state.legacy = { seq: Number(second), hash: third };
    else if (first === 'restored' && third !== undefined) {
      const seq = Number(second);
      for (const later of [...state.heads.keys()].filter((s) => s > seq)) state.heads.delete(later);
      if (seq > 0) state.heads.set(seq, [third]);
    } else if (second !== '' && third === undefined && /^\d+$/.test(first)) {
      const seq = Number(first);
      state.heads.set(seq, [...(state.heads.get(seq) ?? []), second]);
    }
  }
  return state;
}

/**
 * The anchor as an append-only text file (`<seq> <hash>` per line, mode 0600). Appends of a
 * line this short are atomic, so several processes can write to it at once.
 */
export function fileAuditAnchor(dataDir: string): AuditAnchor {
  const path = join(dataDir, AUDIT_ANCHOR_FILE);
  const append = (line: string) => {
    appendFileSync(path, `${line}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  };
  return {
    location: path,
    record: (seq, hash) => append(`${seq} ${hash}`),
    markLegacy: (seq, hash) => append(`legacy ${seq} ${hash}`),
    markRestored: (seq, hash) => append(`restored ${seq} ${hash}`),
    read: () => (existsSync(path) ? parse(readFileSync(path, 'utf8'), true) : parse('', false)),
  };
}

/** The anchor in memory, for tests on an in-memory database. */
export function memoryAuditAnchor(): AuditAnchor {
  let text: string | undefined;
  const append = (line: string) => {
    text = `${text ?? ''}${line}\n`;
  };
  return {
    location: '(geheugen)',
    record: (seq, hash) => append(`${seq} ${hash}`),
    markLegacy: (seq, hash) => append(`legacy ${seq} ${hash}`),
    markRestored: (seq, hash) => append(`restored ${seq} ${hash}`),
    read: () => parse(text ?? '', text !== undefined),
  };
}
