import { type DiffPart, diffLines } from './diff-lines.ts';
import { parseFrontmatter } from './parse-frontmatter.ts';
import { splitSections } from './split-sections.ts';

/** One stored state of a line file: the commit that wrote it and the file's text. */
export interface LineRevision {
  commit: string;
  /** ISO date-time of the commit. */
  committedAt: string;
  source: string;
}

/** What changed in one part of a line (a frontmatter field or a `##` section). */
export interface PartChange {
  /** "Kernboodschap", "Sms-tekst", … */
  part: string;
  status: 'added' | 'removed' | 'changed';
  diff: DiffPart[];
}

/** One agreed version of a line, with what changed since the version before it. */
export interface LineVersion {
  version: string;
  vastgesteldDoor: string | undefined;
  vastgesteldOp: string | undefined;
  commit: string;
  committedAt: string;
  /** Empty for the first version known. */
  changes: PartChange[];
}

// Frontmatter fields a reader of the line cares about, with their Dutch names.
const FIELDS: Array<[string, (data: Record<string, unknown>) => unknown]> = [
  ['Titel', (d) => d.title],
  ['Sectoren', (d) => d.sectors],
  ['Doelgroep', (d) => d.audience],
  ['Sms-tekst', (d) => (d.sms as { text?: unknown } | undefined)?.text],
  ['Onderwerp e-mail', (d) => d.email_subject],
  ['Volgende update', (d) => d.next_update],
  ['Geldig tot', (d) => d.geldig_tot],
];

const asText = (value: unknown): string =>
  value === undefined || value === null
    ? ''
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : Array.isArray(value)
        ? value.map(String).join(', ')
        : String(value);

/** The parts of a file to compare: the fields above, then every `##` section (by heading). */
function partsOf(source: string): Map<string, string> {
  const parsed = parseFrontmatter(source);
  const data = (parsed.data && typeof parsed.data === 'object' ? parsed.data : {}) as Record<string, unknown>;
  const parts = new Map<string, string>();
  for (const [name, read] of FIELDS) parts.set(name, asText(read(data)));
  for (const section of splitSections(parsed.body).sections) parts.set(section.heading, section.markdown);
  return parts;
}

const split = (text: string) => (text === '' ? [] : text.split('\n'));

/** What changed from `before` to `after`, per field and per section, in the order of `after`. */
export function changesBetween(before: string, after: string): PartChange[] {
  const old = partsOf(before);
  const now = partsOf(after);
  const changes: PartChange[] = [];
  for (const [part, text] of now) {
    const previous = old.get(part) ?? '';
    if (previous === text) continue;
    const status = previous === '' ? 'added' : text === '' ? 'removed' : 'changed';
    changes.push({ part, status, diff: diffLines(split(previous), split(text)) });
  }
  for (const [part, text] of old)
    if (!now.has(part) && text !== '') changes.push({ part, status: 'removed', diff: diffLines(split(text), []) });
  return changes;
}

/**
 * The versions of a line from its revisions (oldest first): a revision starts a new version
 * when its `version` differs from the one before; later commits with the same version (a
 * typo fixed) are folded into it. Newest version first.
 */
export function lineVersions(revisions: readonly LineRevision[]): LineVersion[] {
  const versions: Array<LineVersion & { source: string }> = [];
  for (const revision of revisions) {
    const data = (parseFrontmatter(revision.source).data ?? {}) as Record<string, unknown>;
    const version = asText(data.version) || '?';
    const entry = {
      version,
      vastgesteldDoor: asText(data.vastgesteld_door) || undefined,
      vastgesteldOp: asText(data.vastgesteld_op) || undefined,
      commit: revision.commit,
      committedAt: revision.committedAt,
      source: revision.source,
    };
    const last = versions.at(-1);
    const before = versions.at(-2);
    if (last && last.version === version) {
      versions[versions.length - 1] = {
        ...entry,
        changes: before ? changesBetween(before.source, revision.source) : [],
      };
    } else {
      versions.push({ ...entry, changes: last ? changesBetween(last.source, revision.source) : [] });
    }
  }
  return versions.reverse().map(({ source: _source, ...version }) => version);
}
