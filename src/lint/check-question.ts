import { fillWorstCase, findPlaceholders, isPlaceholderName } from '../schemas/placeholders.ts';
import { type ScriptQuestion, STOP_WORDS } from '../schemas/question.ts';
import { analyzeSms } from '../sms/segment-sms.ts';
import type { LintProblem, ScriptEntry } from './types.ts';

/** Answer meanings each kind of question may use. */
const MEANINGS_OF: Record<ScriptQuestion['kind'], readonly string[]> = {
  'call-up': ['yes', 'no'],
  'roll-call': ['safe', 'help'],
};

/** The texts Baken sends back by itself, each with its field name. */
function replyTexts(question: ScriptQuestion): Array<[string, string]> {
  return [
    ...question.answers.map((answer, index): [string, string] => [`question.answers.${index}.reply`, answer.reply]),
    ['question.unclear_reply', question.unclear_reply],
    ...(question.enough_reply ? [['question.enough_reply', question.enough_reply] as [string, string]] : []),
    ...(question.confirm ? [['question.confirm', question.confirm] as [string, string]] : []),
  ];
}

/**
 * A call-up or roll-call must be answerable by SMS: every keyword stands in the SMS text,
 * no two answers share a word, STOP stays free for unsubscribing, every automatic reply fits
 * one SMS with its fields at their longest, and a call-up has one yes, an "enough" reply
 * and a confirmation.
 */
export function checkQuestion(entry: ScriptEntry): LintProblem[] {
  const question = entry.data.question;
  if (!question) return [];
  const problem = (field: string, message: string): LintProblem => ({ file: entry.file, field, message });
  const problems: LintProblem[] = [];
  const smsWords = new Set(entry.data.sms.text.toUpperCase().match(/[A-Z0-9]+/g) ?? []);
  const seen = new Map<string, string>();
  question.answers.forEach((answer, index) => {
    const field = `question.answers.${index}`;
    if (!smsWords.has(answer.keyword))
      problems.push(
        problem(
          'sms.text',
          `het trefwoord ${answer.keyword} staat niet in de sms; zet erin wat mensen moeten terugsturen, bijvoorbeeld "Antwoord ${question.answers.map((a) => a.keyword).join(' of ')}"`,
        ),
      );
    if (!MEANINGS_OF[question.kind].includes(answer.means))
      problems.push(
        problem(
          `${field}.means`,
          `een ${question.kind === 'call-up' ? 'oproep' : 'appèl'} kent alleen de betekenissen ${MEANINGS_OF[question.kind].join(' en ')}, niet ${answer.means}`,
        ),
      );
    for (const word of [answer.keyword, ...answer.aliases]) {
      if ((STOP_WORDS as readonly string[]).includes(word))
        problems.push(problem(field, `${word} is gereserveerd om af te melden; kies een ander woord`));
      const earlier = seen.get(word);
      if (earlier && earlier !== answer.keyword)
        problems.push(
          problem(field, `${word} hoort al bij het antwoord ${earlier}; elk woord mag bij één antwoord horen`),
        );
      seen.set(word, answer.keyword);
    }
  });
  if (question.kind === 'call-up') {
    const yeses = question.answers.filter((answer) => answer.means === 'yes').length;
    if (yeses !== 1)
      problems.push(problem('question.answers', `een oproep heeft precies één antwoord met means: yes, nu ${yeses}`));
    if (!question.enough_reply)
      problems.push(
        problem(
          'question.enough_reply',
          'zeg wat mensen horen die ja zeggen als er al genoeg zijn, bijvoorbeeld "Dank u! We hebben genoeg mensen. U staat op de reservelijst."',
        ),
      );
    if (!question.confirm)
      problems.push(
        problem(
          'question.confirm',
          'schrijf het bericht dat de gekozen mensen krijgen, bijvoorbeeld "U bent ingedeeld: kom op {datum} om {tijd} naar {locatie}."',
        ),
      );
  }
  for (const [field, text] of replyTexts(question)) {
    const unknown = findPlaceholders(text).filter((name) => !isPlaceholderName(name));
    for (const name of new Set(unknown)) problems.push(problem(field, `onbekend invulveld {${name}}`));
    const used = findPlaceholders(text).filter(isPlaceholderName);
    for (const name of new Set(used))
      if (!entry.data.fields?.[name])
        problems.push(problem(`fields.${name}`, `geef {${name}} een label en een uitleg (hint) voor het formulier`));
    const analysis = analyzeSms(fillWorstCase(text));
    if (analysis.segments > 1)
      problems.push(
        problem(
          field,
          `dit automatische antwoord wordt ${analysis.segments} sms-delen (${analysis.encoding}, ${analysis.units} tekens met invulvelden op maximale lengte); maak het korter, tot één sms`,
        ),
      );
  }
  return problems;
}
