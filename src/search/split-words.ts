import { normaliseWord, WORD_JOINERS } from './normalise-word.ts';

/** One word of a text, with where it stands, so matches can be marked in the original. */
export interface Word {
  /** The word as written. */
  text: string;
  /** Offset of its first character in the text. */
  start: number;
  /** Normalised form, see `normaliseWord`: "Black-out" → "blackout". */
  normal: string;
  /** Normalised parts of a joined word ("black", "out"), at least two letters each; empty for a plain word. */
  parts: string[];
}

// A `{placeholder}` is tried first so that it is skipped as a whole: it is a blank to fill
// in, not a word of the text. Words are letters and digits, joined by hyphens or apostrophes.
const WORD_OR_PLACEHOLDER = /\{[a-z_]+\}|[\p{L}\p{N}]+(?:[-'’‐‑][\p{L}\p{N}]+)*/gu;

/** Splits text into its words, in order, leaving out punctuation and `{placeholders}`. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD_OR_PLACEHOLDER)) {
    const raw = match[0];
    if (raw.startsWith('{')) continue;
    const pieces = raw.split(WORD_JOINERS);
    const parts = pieces.length > 1 ? pieces.map(normaliseWord).filter((part) => part.length >= 2) : [];
    words.push({ text: raw, start: match.index, normal: normaliseWord(raw), parts });
  }
  return words;
}
