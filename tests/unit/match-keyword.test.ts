import { describe, expect, it } from 'vitest';
import { firstWord, type MatchableAnswer, matchKeyword } from '../../src/server/replies/match-keyword.ts';

const callUp: MatchableAnswer[] = [
  { keyword: 'JA', means: 'yes', aliases: ['JAWEL', 'OK'] },
  { keyword: 'NEE', means: 'no', aliases: ['NEEN'] },
];
const rollCall: MatchableAnswer[] = [
  { keyword: 'VEILIG', means: 'safe', aliases: [] },
  { keyword: 'HULP', means: 'help', aliases: ['HELP'] },
];

describe('matchKeyword', () => {
  it.each([
    ['ja', 'JA'],
    ['Ja!', 'JA'],
    ['JA hoor', 'JA'],
    ['j', 'JA'],
    ['  jawel, ik kom ', 'JA'],
    ['Ok', 'JA'],
    ['nee', 'NEE'],
    ['Nee, sorry', 'NEE'],
    ['N', 'NEE'],
    ['néé', 'NEE'],
  ])('reads %j as %s', (text, keyword) => {
    expect(matchKeyword(text, callUp)).toMatchObject({ kind: 'answer', keyword });
  });

  it.each(['misschien', 'ik kom om drie uur', '', '!!!', 'jaa', 'x', 'neeja'])('keeps %j as unclear', (text) => {
    expect(matchKeyword(text, callUp)).toEqual({ kind: 'unclear' });
  });

  it.each(['STOP', 'stop', 'Stop!', 'afmelden graag', 'stoppen'])('reads %j as a request to stop', (text) => {
    expect(matchKeyword(text, callUp)).toEqual({ kind: 'stop' });
  });

  it('tells what an answer means, for a roll-call too', () => {
    expect(matchKeyword('hulp!!', rollCall)).toEqual({ kind: 'answer', keyword: 'HULP', means: 'help' });
    expect(matchKeyword('v', rollCall)).toEqual({ kind: 'answer', keyword: 'VEILIG', means: 'safe' });
  });

  it('does not guess a first letter two answers share', () => {
    const shared: MatchableAnswer[] = [
      { keyword: 'NU', means: 'yes', aliases: [] },
      { keyword: 'NOOIT', means: 'no', aliases: [] },
    ];
    expect(matchKeyword('n', shared)).toEqual({ kind: 'unclear' });
  });

  it('takes the first word without accents or punctuation', () => {
    expect(firstWord('¡Sí, señor!')).toBe('SI');
    expect(firstWord('  ...  ')).toBe('');
  });
});
