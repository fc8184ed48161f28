const COMBINING_MARKS = /\p{M}/gu;
/** Characters that join the parts of one word: hyphens and apostrophes (black-out, zo'n). */
export const WORD_JOINERS = /[-'’‐‑]/g;

/**
 * Lower-cases a word and drops diacritics and joiners, so "Cliënt" = "client" and
 * "Black-out" = "blackout". Index and query use the same form.
 */
export function normaliseWord(word: string): string {
  return word.normalize('NFD').replace(COMBINING_MARKS, '').replace(WORD_JOINERS, '').toLowerCase();
}
