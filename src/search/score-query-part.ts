import type { QueryPart } from './build-query-parts.ts';
import type { IndexReader } from './read-compact-index.ts';

/** The documents one part of a query matches, with their scores, and the index terms that matched. */
export interface PartScores {
  scores: Map<number, number>;
  matched: string[];
}

/**
 * Scores the documents for one query part with the BM25 scores lunr stored per term, field
 * and document. Each clause counts the best of the index terms it stands for (so a prefix
 * that fits twenty words does not count twenty times), times its boost; clauses add up.
 */
export function scoreQueryPart(reader: IndexReader, part: QueryPart): PartScores {
  const scores = new Map<number, number>();
  const matched = new Set<string>();
  for (const clause of part.clauses) {
    const best = new Map<number, number>();
    for (const indexTerm of reader.expand(clause)) {
      reader.forEachDocument(indexTerm, (doc, score) => {
        matched.add(indexTerm);
        if (score > (best.get(doc) ?? 0)) best.set(doc, score);
      });
    }
    for (const [doc, score] of best) scores.set(doc, (scores.get(doc) ?? 0) + clause.boost * score);
  }
  return { scores, matched: [...matched] };
}
