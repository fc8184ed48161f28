import { parseDocument } from 'yaml';

/** What the hub writes into a line's frontmatter when the partners agree it. */
export interface LineStamp {
  version: string;
  /** The partners that agreed, e.g. "Onderwijs en kinderopvang; Zorg en welzijn". */
  vastgesteldDoor: string;
  /** YYYY-MM-DD. */
  vastgesteldOp: string;
  /** A new expiry date (a renewal); left as written when absent. */
  geldigTot?: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * The line as it will be published: status `vastgesteld` with the version and agreement
 * fields set by the hub, whatever the proposal said; every other field and the body stay as
 * written (comments and order too). Returns the source unchanged when its frontmatter cannot
 * be read, so the lint reports that instead.
 */
export function stampLine(source: string, stamp: LineStamp): string {
  const match = FRONTMATTER.exec(source);
  if (!match) return source;
  const doc = parseDocument(match[1] ?? '');
  if (doc.errors.length > 0 || !doc.contents || typeof doc.toJS() !== 'object') return source;
  doc.set('status', 'vastgesteld');
  doc.set('version', stamp.version);
  doc.set('vastgesteld_door', stamp.vastgesteldDoor);
  doc.set('vastgesteld_op', stamp.vastgesteldOp);
  if (stamp.geldigTot) doc.set('geldig_tot', stamp.geldigTot);
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  return `---\n${yaml}\n---\n${source.slice(match[0].length)}`;
}

/** The next version after `current`: "1.1" → "1.2", "2" → "2.1"; a new line starts at "1.0". */
export function nextVersion(current: string | undefined): string {
  if (current === undefined) return '1.0';
  const match = /^(\d+)(?:\.(\d+))?/.exec(current.trim());
  if (!match) return '1.0';
  return `${match[1]}.${Number(match[2] ?? 0) + 1}`;
}
