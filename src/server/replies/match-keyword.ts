import { type AnswerMeaning, STOP_WORDS } from '../../schemas/question.ts';

/** An answer as the matcher needs it: the keyword and the other words that count as it. */
export interface MatchableAnswer {
  keyword: string;
  means: AnswerMeaning;
  aliases: readonly string[];
}

/** What a reply said: one of the answers, a request to stop, or something else. */
export type MatchedReply =
  | { kind: 'answer'; keyword: string; means: AnswerMeaning }
  | { kind: 'stop' }
  | { kind: 'unclear' };

/** The first word of a text in capitals, without accents or punctuation ("Ja!" → "JA", "Néé, sorry" → "NEE"). */
export function firstWord(text: string): string {
  const plain = text.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  return /[A-Z0-9]+/.exec(plain)?.[0] ?? '';
}

/**
 * Reads a reply forgivingly: only its first word counts, in any case, with or without
 * punctuation ("ja", "Ja!", "JA hoor" are JA; "Nee, sorry" is NEE). A keyword's first letter
 * counts as the keyword ("j" is JA) when no other answer starts with that letter. STOP and its
 * synonyms unsubscribe, whatever the question. Anything else is unclear.
 */
export function matchKeyword(text: string, answers: readonly MatchableAnswer[]): MatchedReply {
  const word = firstWord(text);
  if (word === '') return { kind: 'unclear' };
  if ((STOP_WORDS as readonly string[]).includes(word)) return { kind: 'stop' };
  for (const answer of answers) {
    if (answer.keyword === word || answer.aliases.includes(word))
      return { kind: 'answer', keyword: answer.keyword, means: answer.means };
  }
  if (word.length === 1) {
    const starting = answers.filter((answer) => answer.keyword.startsWith(word));
    const only = starting.length === 1 ? starting[0] : undefined;
    if (only) return { kind: 'answer', keyword: only.keyword, means: only.means };
  }
  return { kind: 'unclear' };
}
