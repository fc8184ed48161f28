import { describe, expect, it } from 'vitest';
import { markdownToLine } from '../../src/catalog/markdown-to-text.ts';
import { analyseWords } from '../../src/search/analyse-words.ts';
import { isWithinOneEdit } from '../../src/search/edit-distance.ts';
import { indexTokens } from '../../src/search/index-tokens.ts';
import { normaliseWord } from '../../src/search/normalise-word.ts';
import { splitWords } from '../../src/search/split-words.ts';
import { compileSynonyms, findSynonyms, groupToken } from '../../src/search/synonym-table.ts';
import { present } from '../helpers/present.ts';

describe('normaliseWord', () => {
  it('lower-cases and drops diacritics and joiners', () => {
    expect(normaliseWord('Cliëntdossier')).toBe('clientdossier');
    expect(normaliseWord('Black-out')).toBe('blackout');
    expect(normaliseWord('ZO’N')).toBe('zon');
  });
});

describe('splitWords', () => {
  it('keeps offsets, joins hyphenated words and lists their parts', () => {
    const text = 'Bij een black-out: bel 112.';
    const words = splitWords(text);
    expect(words.map((w) => w.normal)).toEqual(['bij', 'een', 'blackout', 'bel', '112']);
    const blackout = present(words[2], 'a third word');
    expect(text.slice(blackout.start, blackout.start + blackout.text.length)).toBe('black-out');
    expect(blackout.parts).toEqual(['black', 'out']);
  });

  it('skips {placeholders}, which are blanks to fill in, not words', () => {
    expect(splitWords('Stroomuitval in {gemeente} sinds {tijd}.').map((w) => w.normal)).toEqual([
      'stroomuitval',
      'in',
      'sinds',
    ]);
  });
});

describe('analyseWords', () => {
  it('stems Dutch words and flags stop words', () => {
    const [storingen, geen, stroom] = analyseWords('stroomstoringen geen stroom');
    expect(storingen?.stem).toBe(analyseWords('stroomstoring')[0]?.stem);
    expect(geen?.stop).toBe(true);
    expect(stroom?.stop).toBe(false);
  });
});

describe('isWithinOneEdit', () => {
  it.each([
    ['stroomuitval', 'stroomuitvla', true],
    ['stroomstoring', 'stroomstorng', true],
    ['insuline', 'insuliine', true],
    ['insuline', 'insulone', true],
    ['insuline', 'insuline', true],
    ['insuline', 'isnulien', false],
    ['insuline', 'insul', false],
    ['abcd', 'badc', false],
  ])('%s → %s: %s', (a, b, expected) => {
    expect(isWithinOneEdit(a, b)).toBe(expected);
    expect(isWithinOneEdit(b, a)).toBe(expected);
  });
});

describe('synonyms', () => {
  const table = compileSynonyms([
    ['stroomstoring', 'geen stroom', 'stroom is weg'],
    ['pinnen lukt niet', 'pinstoring'],
  ]);
  const stems = (text: string) => analyseWords(text).map((w) => w.stem);

  it('finds the longest phrase first, with stop words inside a phrase', () => {
    expect(findSynonyms(stems('de stroom is weg en pinnen lukt niet'), table)).toEqual([
      { start: 1, length: 3, groups: [0] },
      { start: 5, length: 3, groups: [1] },
    ]);
  });

  it('matches stemmed forms: plural and past tense', () => {
    expect(findSynonyms(stems('stroomstoringen'), table)).toEqual([{ start: 0, length: 1, groups: [0] }]);
    expect(findSynonyms(stems('pinnen lukte niet'), table)).toEqual([{ start: 0, length: 3, groups: [1] }]);
  });

  it('indexes a text under its stems, without stop words, plus its synonym groups', () => {
    const tokens = indexTokens('Er is geen stroom.', table);
    expect(tokens).toContain(groupToken(0));
    expect(tokens).toContain(stems('stroom')[0]);
    expect(tokens).not.toContain('geen');
    expect(tokens).not.toContain(stems('geen')[0]);
  });
});

describe('markdownToLine', () => {
  it('keeps what a reader sees: link text, no marks or bullets', () => {
    expect(markdownToLine('## Kop\n\n- Lees **dit** en [de noodkaart](/noodkaarten/school/).\n- Bel *112*.')).toBe(
      'Kop Lees dit en de noodkaart. Bel 112.',
    );
  });
});
