import { analyseWords } from './analyse-words.ts';
import { findSynonyms, groupToken, type SynonymTable } from './synonym-table.ts';

/**
 * The tokens a text is indexed under: the stem of every word that is not a stop word, the
 * stems of the parts of joined words, and a group token for every synonym phrase in it
 * (stop words count inside a phrase, so "geen stroom" is found but "geen" alone is not).
 */
export function indexTokens(text: string, synonyms: SynonymTable): string[] {
  const words = analyseWords(text);
  const tokens: string[] = [];
  for (const word of words) {
    if (!word.stop) tokens.push(word.stem);
    tokens.push(...word.partStems);
  }
  for (const match of findSynonyms(
    words.map((word) => word.stem),
    synonyms,
  )) {
    tokens.push(...match.groups.map(groupToken));
  }
  return tokens;
}
