import { isDutchStopWord, stemDutch } from './dutch-stemmer.ts';
import { splitWords, type Word } from './split-words.ts';

/** A word with what search compares: its stem, the stems of its parts, and whether it is a stop word. */
export interface AnalysedWord extends Word {
  stem: string;
  /** Stems of the parts of a joined word that are not stop words ("black-out" → "black", "out"). */
  partStems: string[];
  /** Common word ("de", "niet", "geen") that is not searchable on its own. */
  stop: boolean;
}

/** Splits text into words and stems each one (Dutch Snowball stemmer). */
export function analyseWords(text: string): AnalysedWord[] {
  return splitWords(text).map((word) => ({
    ...word,
    stem: stemDutch(word.normal),
    partStems: word.parts.filter((part) => !isDutchStopWord(part)).map(stemDutch),
    stop: isDutchStopWord(word.normal),
  }));
}
