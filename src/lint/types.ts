import type { Noodkaart } from '../schemas/noodkaart.ts';
import type { Scenario } from '../schemas/scenario.ts';
import type { ScriptFrontmatter } from '../schemas/script.ts';
import type { Sector } from '../schemas/sector.ts';

export const COLLECTIONS = ['sectors', 'scenarios', 'scripts', 'noodkaarten'] as const;
export type Collection = (typeof COLLECTIONS)[number];

interface FileBase {
  /** Path shown in messages, relative to the project, e.g. `content/scripts/x.md`. */
  path: string;
  source: string;
}

/** A Markdown file of one of the collections. */
export type MarkdownFile = FileBase & { collection: Collection };

/** The synonyms file, `synoniemen.txt`. */
export type SynonymsFile = FileBase & { collection: 'synonyms' };

/** One content file as read from disk. */
export type ContentFile = MarkdownFile | SynonymsFile;

/** One thing wrong with the content: which file, which field, and what to do. */
export interface LintProblem {
  file: string;
  field: string;
  message: string;
}

interface EntryBase {
  file: string;
  slug: string;
  body: string;
  bodyLine: number;
}

/** A content file whose frontmatter passed its schema. */
export type Entry =
  | (EntryBase & { collection: 'sectors'; data: Sector })
  | (EntryBase & { collection: 'scenarios'; data: Scenario })
  | (EntryBase & { collection: 'scripts'; data: ScriptFrontmatter })
  | (EntryBase & { collection: 'noodkaarten'; data: Noodkaart });

export type ScriptEntry = Extract<Entry, { collection: 'scripts' }>;
