import { z } from 'zod';

/** A call-up asks "can you come?" of pools of reservists; a roll-call asks "are you safe?". */
export const QUESTION_KINDS = ['call-up', 'roll-call'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * What an answer means to Baken: `yes` counts towards a call-up's need, `no` does not;
 * `safe` and `help` are a roll-call's answers (help is shown first in the console).
 */
export const ANSWER_MEANINGS = ['yes', 'no', 'safe', 'help'] as const;
export type AnswerMeaning = (typeof ANSWER_MEANINGS)[number];

/** A keyword as people type it in an SMS: capitals and digits, no spaces. */
export const keywordSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{0,15}$/, {
    error: 'schrijf het trefwoord in hoofdletters, één woord (A-Z, 0-9), hoogstens 16 tekens',
  });

/** One fixed answer to a question, with the automatic reply people get when they give it. */
export const scriptAnswerSchema = z.strictObject({
  /** The keyword people send, e.g. JA; it must appear in the SMS text. */
  keyword: keywordSchema,
  /** What the answer means for the tally and the escalation. */
  means: z.enum(ANSWER_MEANINGS),
  /** Other words that count as this answer, e.g. [JAWEL, OK]. The first letter counts on its own when no other keyword starts with it. */
  aliases: z.array(keywordSchema).max(10).default([]),
  /** Short label on the answer button of the personal reply page, e.g. "Ja, ik kan komen". */
  button: z.string().trim().min(1).max(60),
  /** The automatic reply to this answer, one SMS. */
  reply: z.string().trim().min(1).max(300),
});
export type ScriptAnswer = z.infer<typeof scriptAnswerSchema>;

/** The question part of a call-up or roll-call line (frontmatter key `question`). */
export const scriptQuestionSchema = z.strictObject({
  /** `call-up` (can you come?) or `roll-call` (are you safe?). */
  kind: z.enum(QUESTION_KINDS),
  /** The fixed answers, two to four. */
  answers: z.array(scriptAnswerSchema).min(2).max(4),
  /** The reply to an answer Baken does not understand; it repeats the keywords. */
  unclear_reply: z.string().trim().min(1).max(300),
  /** Call-ups: the reply to a yes that comes after enough people said yes. */
  enough_reply: z.string().trim().min(1).max(300).optional(),
  /** Call-ups: the one message the coordinator sends to the people chosen. */
  confirm: z.string().trim().min(1).max(300).optional(),
});
export type ScriptQuestion = z.infer<typeof scriptQuestionSchema>;

/** Reserved words: they unsubscribe (and are confirmed), so no answer may use them. */
export const STOP_WORDS = ['STOP', 'STOPPEN', 'AFMELDEN', 'UITSCHRIJVEN'] as const;
