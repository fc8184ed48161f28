import { parseSynonyms } from '../search/parse-synonyms.ts';
import type { LintProblem, SynonymsFile } from './types.ts';

/** The synonyms file must be one group of two or more words per line, each word in one group only. */
export function checkSynonyms(file: SynonymsFile): LintProblem[] {
  return parseSynonyms(file.source).problems.map(({ line, message }) => ({
    file: file.path,
    field: `regel ${line}`,
    message,
  }));
}
