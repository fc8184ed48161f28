import { analyseWords } from './analyse-words.ts';
import { findSynonyms, groupToken, type SynonymTable } from './synonym-table.ts';

/** A piece of text, marked when it is a word (or run of words) the search matched. */
export interface TextPart {
  text: string;
  marked: boolean;
}

/**
 * Splits text into parts with the words marked that match one of `matched`, the index terms
 * a result was found by: a word whose stem is one of them, or a synonym phrase whose group
 * is. Neighbouring marked words become one marked part ("geen stroom").
 */
export function markMatches(text: string, matched: ReadonlySet<string>, synonyms: SynonymTable): TextPart[] {
  const words = analyseWords(text);
  const marked = words.map((word) => matched.has(word.stem) || word.partStems.some((stem) => matched.has(stem)));
  for (const match of findSynonyms(
    words.map((word) => word.stem),
    synonyms,
  )) {
    if (match.groups.some((group) => matched.has(groupToken(group))))
      marked.fill(true, match.start, match.start + match.length);
  }
  const parts: TextPart[] = [];
  const push = (part: string, isMarked: boolean) => {
    if (part === '') return;
    const last = parts.at(-1);
    if (last !== undefined && last.marked === isMarked) last.text += part;
    else parts.push({ text: part, marked: isMarked });
  };
  let offset = 0;
  words.forEach((word, index) => {
    const gap = text.slice(offset, word.start);
    // Whitespace between two marked words stays inside the mark.
    push(gap, marked[index] === true && index > 0 && marked[index - 1] === true && /^\s+$/.test(gap));
    push(word.text, marked[index] === true);
    offset = word.start + word.text.length;
  });
  push(text.slice(offset), false);
  return parts;
}
