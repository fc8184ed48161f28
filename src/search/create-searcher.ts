import { BakenError } from '../errors/baken-error.ts';
import { buildQueryParts } from './build-query-parts.ts';
import { makeSnippet } from './make-snippet.ts';
import { markMatches, type TextPart } from './mark-matches.ts';
import { readCompactIndex } from './read-compact-index.ts';
import { scoreQueryPart } from './score-query-part.ts';
import { SEARCH_INDEX_VERSION, type SearchDoc, type SearchIndexFile } from './search-index-file.ts';
import { compileSynonyms } from './synonym-table.ts';

/** Narrows results to one sector (scripts for all sectors included) and/or one scenario. */
export interface SearchFilters {
  sector?: string | undefined;
  scenario?: string | undefined;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
  /** Index terms the query matched; `mark` marks the words that match them. */
  matched: ReadonlySet<string>;
}

export interface SearchResult {
  hits: SearchHit[];
  /**
   * `all`: the hits match every word. `any`: no script matches every word, so these match
   * at least one, those matching most words first. `filter`: the query has no searchable
   * words; the hits are every script that passes the filters. `none`: nothing to search for.
   */
  match: 'all' | 'any' | 'filter' | 'none';
}

export interface Searcher {
  search(query: string, filters?: SearchFilters): SearchResult;
  /** Sector and scenario names by slug. */
  names: { sectors: Record<string, string>; scenarios: Record<string, string> };
  /** A text of a hit (title or snippet) with the matched words marked; `snippet` cuts it short. */
  mark(text: string, hit: SearchHit, options?: { snippet?: boolean }): TextPart[];
}

/** Raised when the search index file was made by another version of Baken. */
export class SearchIndexVersionError extends BakenError {
  constructor(found: unknown) {
    super(
      'search-index-version',
      `De zoekindex heeft versie ${String(found)}, verwacht ${SEARCH_INDEX_VERSION}. Laad de pagina opnieuw.`,
    );
  }
}

interface Tally {
  score: number;
  /** Number of query parts the document matched. */
  parts: number;
}

/**
 * Loads a search index file and answers queries: every query part must match (AND), with a
 * fallback to any part (OR) when no script matches them all. Runs in the browser and in Node.
 */
export function createSearcher(file: SearchIndexFile): Searcher {
  if (file.version !== SEARCH_INDEX_VERSION) throw new SearchIndexVersionError(file.version);
  const reader = readCompactIndex(file.index);
  const synonyms = compileSynonyms(file.synonyms);
  const passes = (doc: SearchDoc, filters: SearchFilters) =>
    (!filters.sector || doc.sectors.includes(filters.sector)) &&
    (!filters.scenario || doc.scenario === filters.scenario);

  return {
    names: { sectors: file.sectors, scenarios: file.scenarios },
    search(query, filters = {}) {
      const parts = buildQueryParts(query, synonyms, reader.has);
      if (parts.length === 0) {
        if (!filters.sector && !filters.scenario) return { hits: [], match: 'none' };
        const hits = file.docs
          .filter((doc) => passes(doc, filters))
          .map((doc) => ({ doc, score: 0, matched: new Set<string>() }));
        return { hits: hits.sort(byStatusAndTitle), match: 'filter' };
      }
      const tallies = new Map<number, Tally>();
      const matched = new Set<string>();
      for (const part of parts) {
        const { scores, matched: partMatched } = scoreQueryPart(reader, part);
        for (const term of partMatched) matched.add(term);
        scores.forEach((score, doc) => {
          const tally = tallies.get(doc);
          if (tally === undefined) tallies.set(doc, { score, parts: 1 });
          else {
            tally.score += score;
            tally.parts += 1;
          }
        });
      }
      const hits: Array<SearchHit & { parts: number }> = [];
      tallies.forEach((tally, position) => {
        const doc = file.docs[position];
        if (doc !== undefined && passes(doc, filters))
          hits.push({ doc, score: tally.score, matched, parts: tally.parts });
      });
      const all = hits.filter((hit) => hit.parts === parts.length);
      if (all.length > 0 || hits.length === 0) return { hits: all.sort(byScore).map(withoutParts), match: 'all' };
      return { hits: hits.sort((a, b) => b.parts - a.parts || byScore(a, b)).map(withoutParts), match: 'any' };
    },
    mark(text, hit, options = {}) {
      const parts = markMatches(text, hit.matched, synonyms);
      return options.snippet ? makeSnippet(parts) : parts;
    },
  };
}

function byScore(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || byStatusAndTitle(a, b);
}

/** Agreed scripts before concepts, then by title. */
function byStatusAndTitle(a: SearchHit, b: SearchHit): number {
  return (
    Number(a.doc.status === 'concept') - Number(b.doc.status === 'concept') ||
    a.doc.title.localeCompare(b.doc.title, 'nl')
  );
}

function withoutParts({ doc, score, matched }: SearchHit & { parts: number }): SearchHit {
  return { doc, score, matched };
}
