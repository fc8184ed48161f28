import type { CompactIndex } from './compact-index.ts';
import type { SynonymGroups } from './synonym-table.ts';

/** Bumped when the shape of the search index file changes. */
export const SEARCH_INDEX_VERSION = 1;

/** What a search result shows of a script; one per indexed script, in index order. */
export interface SearchDoc {
  slug: string;
  title: string;
  /** Address of the script page. */
  url: string;
  /** Sector slugs the script applies to, with `alle-sectoren` expanded. */
  sectors: string[];
  /** True for a script written for all sectors; shown as "Alle sectoren". */
  allSectors: boolean;
  /** Scenario slug. */
  scenario: string;
  /** Withdrawn scripts are never in the index. */
  status: 'concept' | 'vastgesteld';
  /** `geldig_tot` lay before the build date. */
  expired: boolean;
  /** Plain text the snippet is cut from: the kernboodschap. */
  snippet: string;
}

/** The static file the browser loads on first use of search: index, documents and synonyms. */
export interface SearchIndexFile {
  version: typeof SEARCH_INDEX_VERSION;
  /** The lunr index, compacted; document refs are positions in `docs`. */
  index: CompactIndex;
  docs: SearchDoc[];
  /** Synonym groups, applied again to the query. */
  synonyms: SynonymGroups;
  /** Sector names by slug. */
  sectors: Record<string, string>;
  /** Scenario names by slug. */
  scenarios: Record<string, string>;
}
