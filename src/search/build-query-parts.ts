import { type AnalysedWord, analyseWords } from './analyse-words.ts';
import { findSynonyms, findSynonymsWithTypo, groupToken, type SynonymTable } from './synonym-table.ts';

/** One way a part of the query can match an index term. */
export interface QueryClause {
  /** Index term: a stem, or a synonym group token. */
  term: string;
  /** Also match index terms that start with `term` (the last word, while typing). */
  prefix: boolean;
  /** Also match index terms one edit away (a typo in a word of five letters or more). */
  typo: boolean;
  /** Weight of this clause against the others of its part. */
  boost: number;
}

/** A part of the query: one word or synonym phrase, matched by any of its clauses. */
export interface QueryPart {
  /** The words of the query this part stands for. */
  text: string;
  clauses: QueryClause[];
}

/** Words shorter than this are never matched with a typo. */
const MIN_TYPO_LENGTH = 5;
/** The last word is matched as a prefix from this length. */
const MIN_PREFIX_LENGTH = 2;

const BOOST = { exact: 1, prefix: 0.5, typo: 0.3 } as const;

/**
 * Turns a query into the parts a result must match. Synonym phrases ("geen stroom",
 * "pinnen lukt niet") become one part that matches every phrase of their group; stop words
 * outside a phrase are left out. The last word also matches as a prefix unless the query
 * ends in a space. A word the index does not know gets its typo clauses: one edit away in
 * the index, and one edit away from a one-word synonym.
 */
export function buildQueryParts(
  query: string,
  synonyms: SynonymTable,
  isIndexTerm: (term: string) => boolean,
): QueryPart[] {
  const words = analyseWords(query);
  const typing = query.length > 0 && !/\s$/.test(query);
  const isLast = (index: number) => typing && index === words.length - 1;
  const phrases = new Map(
    findSynonyms(
      words.map((word) => word.stem),
      synonyms,
    ).map((match) => [match.start, match]),
  );
  const parts: QueryPart[] = [];
  for (let index = 0; index < words.length; ) {
    const word = words[index] as AnalysedWord;
    const phrase = phrases.get(index);
    if (phrase !== undefined) {
      const clauses = phrase.groups.map((group) => exact(groupToken(group)));
      if (phrase.length === 1 && !word.stop)
        clauses.push(...wordClauses(word, isLast(index), false, synonyms, isIndexTerm));
      const text = words
        .slice(index, index + phrase.length)
        .map((w) => w.text)
        .join(' ');
      parts.push({ text, clauses: dedupe(clauses) });
      index += phrase.length;
      continue;
    }
    if (!word.stop) {
      // A joined word the index does not know ("wifi-storing") is searched as its pieces.
      const pieces =
        word.partStems.length > 0 && !isIndexTerm(word.stem)
          ? analyseWords(word.parts.join(' ')).filter((piece) => !piece.stop)
          : [word];
      pieces.forEach((piece, position) => {
        const last = isLast(index) && position === pieces.length - 1;
        parts.push({ text: piece.text, clauses: dedupe(wordClauses(piece, last, true, synonyms, isIndexTerm)) });
      });
    }
    index++;
  }
  return parts;
}

function wordClauses(
  word: AnalysedWord,
  last: boolean,
  withSynonymTypos: boolean,
  synonyms: SynonymTable,
  isIndexTerm: (term: string) => boolean,
): QueryClause[] {
  const clauses = [exact(word.stem)];
  if (last && word.normal.length >= MIN_PREFIX_LENGTH) {
    clauses.push({ term: word.normal, prefix: true, typo: false, boost: BOOST.prefix });
    if (word.stem !== word.normal) clauses.push({ term: word.stem, prefix: true, typo: false, boost: BOOST.prefix });
  }
  if (!isIndexTerm(word.stem) && word.normal.length >= MIN_TYPO_LENGTH) {
    clauses.push({ term: word.stem, prefix: false, typo: true, boost: BOOST.typo });
    if (withSynonymTypos) {
      for (const group of findSynonymsWithTypo(word.normal, synonyms)) {
        clauses.push({ term: groupToken(group), prefix: false, typo: false, boost: BOOST.typo });
      }
    }
  }
  return clauses;
}

function exact(term: string): QueryClause {
  return { term, prefix: false, typo: false, boost: BOOST.exact };
}

function dedupe(clauses: QueryClause[]): QueryClause[] {
  const seen = new Set<string>();
  return clauses.filter((clause) => {
    const key = `${clause.term}|${clause.prefix}|${clause.typo}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
