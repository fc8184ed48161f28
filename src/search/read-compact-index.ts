import lunr from 'lunr';
import type { QueryClause } from './build-query-parts.ts';
import type { CompactIndex } from './compact-index.ts';

/** Reads a compact index in the browser: finds index terms and the scores lunr gave them. */
export interface IndexReader {
  /** True when the term is in the index. */
  has(term: string): boolean;
  /** Index terms a clause stands for: the term itself, every term it starts (prefix), or every term one edit away (typo). */
  expand(clause: QueryClause): string[];
  /** Calls `visit` with each document the term occurs in and lunr's score for it, summed over the fields. */
  forEachDocument(term: string, visit: (doc: number, score: number) => void): void;
}

/**
 * Opens a compact index without unpacking it: postings are decoded when a query needs
 * them, so loading costs little more than parsing the JSON. Typo matching uses lunr's
 * token set (a finite-state automaton of all terms).
 */
export function readCompactIndex(compact: CompactIndex): IndexReader {
  const { terms, postings } = compact;
  const positions = new Map(terms.map((term, position) => [term, position]));
  let tokenSet: lunr.TokenSet | undefined;

  const prefixed = (prefix: string) => {
    const found: string[] = [];
    for (
      let position = lowerBound(terms, prefix);
      position < terms.length && (terms[position] as string).startsWith(prefix);
      position++
    ) {
      found.push(terms[position] as string);
    }
    return found;
  };

  return {
    has: (term) => positions.has(term),
    expand(clause) {
      if (clause.prefix) return prefixed(clause.term);
      if (!clause.typo) return positions.has(clause.term) ? [clause.term] : [];
      // @types/lunr declares fromArray and fromFuzzyString as instance methods; they are static.
      const TokenSet = lunr.TokenSet as unknown as {
        fromArray(words: string[]): lunr.TokenSet;
        fromFuzzyString(word: string, distance: number): lunr.TokenSet;
      };
      tokenSet ??= TokenSet.fromArray(terms);
      return tokenSet.intersect(TokenSet.fromFuzzyString(clause.term, 1)).toArray();
    },
    forEachDocument(term, visit) {
      const encoded = postings[positions.get(term) ?? -1];
      if (encoded === undefined) return;
      const sums = new Map<number, number>();
      let i = 0;
      while (i < encoded.length) {
        const count = encoded[i + 1] as number;
        i += 2;
        let doc = 0;
        for (let n = 0; n < count; n++, i += 2) {
          doc += encoded[i] as number;
          sums.set(doc, (sums.get(doc) ?? 0) + (encoded[i + 1] as number) / 1000);
        }
      }
      for (const [doc, score] of sums) visit(doc, score);
    },
  };
}

/** Position of the first string in sorted `list` that is not less than `value`. */
function lowerBound(list: string[], value: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
