import { describe, expect, it } from 'vitest';
import { checkQuestion } from '../../src/lint/check-question.ts';
import type { ScriptEntry } from '../../src/lint/types.ts';
import { scriptSchema } from '../../src/schemas/script.ts';

const base = {
  title: 'Oproep',
  sectors: ['zorg-welzijn'],
  scenario: 'stroomuitval',
  audience: ['reservisten'],
  status: 'concept',
  version: '1',
  geldig_tot: '2027-01-01',
  eigenaar: 'Team',
  sms: { text: '{organisatie}: kunt u om {tijd} komen? Antwoord JA of NEE.', max_segments: 2 },
  email_subject: 'Oproep',
  correction: 'Correctie van {tijd}:',
  fields: { organisatie: { label: 'Organisatie', hint: 'Naam' }, tijd: { label: 'Tijd', hint: 'UU:MM' } },
};
const answers = [
  { keyword: 'JA', means: 'yes', button: 'Ja', reply: 'Dank u.' },
  { keyword: 'NEE', means: 'no', button: 'Nee', reply: 'Dank u.' },
];
const question = {
  kind: 'call-up',
  answers,
  unclear_reply: 'Stuur JA of NEE.',
  enough_reply: 'Genoeg.',
  confirm: 'Kom om {tijd}.',
};

function entry(overrides: Record<string, unknown>): ScriptEntry {
  return {
    collection: 'scripts',
    file: 'content/scripts/x.md',
    slug: 'x',
    body: '',
    bodyLine: 1,
    data: scriptSchema.parse({ ...base, ...overrides }),
  };
}
const fields = (e: ScriptEntry) => checkQuestion(e).map((p) => p.field);

describe('checkQuestion', () => {
  it('passes a complete call-up and ignores lines without a question', () => {
    expect(checkQuestion(entry({ question }))).toEqual([]);
    expect(checkQuestion(entry({}))).toEqual([]);
  });

  it('wants every keyword in the SMS text', () => {
    const problems = checkQuestion(entry({ question, sms: { text: 'Kunt u komen? Antwoord JA.', max_segments: 1 } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'sms.text' });
    expect(problems[0]?.message).toContain('NEE');
  });

  it('refuses a word that two answers share, and STOP as an answer', () => {
    const shared = [
      { ...answers[0], aliases: ['OK'] },
      { ...answers[1], aliases: ['OK', 'STOP'] },
    ];
    const messages = checkQuestion(entry({ question: { ...question, answers: shared } })).map((p) => p.message);
    expect(messages.some((m) => m.includes('OK hoort al bij het antwoord JA'))).toBe(true);
    expect(messages.some((m) => m.includes('STOP is gereserveerd'))).toBe(true);
  });

  it('wants one yes, an enough reply and a confirmation in a call-up', () => {
    const { enough_reply: _e, confirm: _c, ...bare } = question;
    const twoNos = answers.map((a) => ({ ...a, means: 'no' }));
    expect(fields(entry({ question: { ...bare, answers: twoNos } }))).toEqual([
      'question.answers',
      'question.enough_reply',
      'question.confirm',
    ]);
  });

  it('keeps roll-call meanings apart from call-up meanings', () => {
    expect(fields(entry({ question: { ...question, kind: 'roll-call' } }))).toEqual([
      'question.answers.0.means',
      'question.answers.1.means',
    ]);
  });

  it('wants every automatic reply to fit one SMS and its fields labelled', () => {
    const long = `Dank u. ${'Heel erg bedankt. '.repeat(10)}`;
    const problems = checkQuestion(
      entry({
        question: {
          ...question,
          answers: [{ ...answers[0], reply: long }, answers[1]],
          confirm: 'Kom naar {locatie}.',
        },
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(['question.answers.0.reply', 'fields.locatie']);
  });
});
