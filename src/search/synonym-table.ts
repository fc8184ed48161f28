import { analyseWords } from './analyse-words.ts';
import { isWithinOneEdit } from './edit-distance.ts';

/**
 * Synonym groups as stored in the search index file: each group is a list of phrases, each
 * phrase its words normalised and joined by a space ("geen stroom").
 */
export type SynonymGroups = string[][];

interface Phrase {
  stems: string[];
  groups: number[];
}

/** Synonym groups compiled for matching against the stems of a text. */
export interface SynonymTable {
  /** Phrases by the stem of their first word, longest first. */
  byFirstStem: Map<string, Phrase[]>;
  /** One-word phrases by their normalised word, for matching a word with a typo. */
  singleWords: Map<string, number[]>;
}

/** A run of words in a text that is a phrase of one or more synonym groups. */
export interface SynonymMatch {
  /** Index of the first word. */
  start: number;
  /** Number of words. */
  length: number;
  groups: number[];
}

/** The index token that stands for a synonym group; no word the tokeniser makes starts with "_". */
export function groupToken(group: number): string {
  return `_${group}`;
}

/** Compiles synonym groups for `findSynonyms`. */
export function compileSynonyms(groups: SynonymGroups): SynonymTable {
  const byKey = new Map<string, Phrase>();
  const singleWords = new Map<string, number[]>();
  groups.forEach((phrases, group) => {
    for (const phrase of phrases) {
      const words = analyseWords(phrase);
      if (words.length === 0) continue;
      const stems = words.map((word) => word.stem);
      const key = stems.join(' ');
      const known = byKey.get(key);
      if (known === undefined) byKey.set(key, { stems, groups: [group] });
      else if (!known.groups.includes(group)) known.groups.push(group);
      const only = words.length === 1 ? words[0] : undefined;
      if (only !== undefined)
        singleWords.set(only.normal, [...new Set([...(singleWords.get(only.normal) ?? []), group])]);
    }
  });
  const byFirstStem = new Map<string, Phrase[]>();
  for (const phrase of byKey.values()) {
    const first = phrase.stems[0] ?? '';
    byFirstStem.set(first, [...(byFirstStem.get(first) ?? []), phrase]);
  }
  for (const phrases of byFirstStem.values()) phrases.sort((a, b) => b.stems.length - a.stems.length);
  return { byFirstStem, singleWords };
}

/**
 * Finds synonym phrases in a sequence of word stems, left to right, taking the longest
 * phrase at each position; matches do not overlap.
 */
export function findSynonyms(stems: string[], table: SynonymTable): SynonymMatch[] {
  const matches: SynonymMatch[] = [];
  let index = 0;
  while (index < stems.length) {
    const phrase = table.byFirstStem
      .get(stems[index] ?? '')
      ?.find((candidate) => candidate.stems.every((stem, offset) => stems[index + offset] === stem));
    if (phrase === undefined) {
      index++;
    } else {
      matches.push({ start: index, length: phrase.stems.length, groups: phrase.groups });
      index += phrase.stems.length;
    }
  }
  return matches;
}

/** Groups of one-word phrases within one typo of a normalised word ("stroomstorng" → stroomstoring). */
export function findSynonymsWithTypo(normal: string, table: SynonymTable): number[] {
  const groups = new Set<number>();
  for (const [word, wordGroups] of table.singleWords) {
    if (isWithinOneEdit(normal, word)) for (const group of wordGroups) groups.add(group);
  }
  return [...groups];
}
