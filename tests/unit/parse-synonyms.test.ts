import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSynonyms, toSynonymGroups } from '../../src/search/parse-synonyms.ts';

describe('parseSynonyms', () => {
  it('reads one group per line, skipping comments and blank lines', () => {
    const { lines, problems } = parseSynonyms(
      '# uitleg\n\nStroomstoring, Black-out, geen stroom\npinstoring ,pinnen lukt niet\n',
    );
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { line: 3, phrases: ['Stroomstoring', 'Black-out', 'geen stroom'] },
      { line: 4, phrases: ['pinstoring', 'pinnen lukt niet'] },
    ]);
    expect(toSynonymGroups(lines)).toEqual([
      ['stroomstoring', 'blackout', 'geen stroom'],
      ['pinstoring', 'pinnen lukt niet'],
    ]);
  });

  it.each([
    ['stroomstoring', /staat alleen/],
    ['stroomstoring, , black-out', /lege plek/],
    ['stroomstoring, black-out,', /lege plek/],
    ['stroomstoring; black-out, geen stroom', /"stroomstoring; black-out" bevat een teken/],
    ['stroomstoring, geen', /"geen" bestaat alleen uit veelvoorkomende woorden/],
    ['stroomstoring, stroomstoringen', /"stroomstoringen" is hetzelfde woord als "stroomstoring"/],
  ])('reports %j', (source, message) => {
    const { problems } = parseSynonyms(source);
    expect(problems).toEqual([{ line: 1, message: expect.stringMatching(message) }]);
  });

  it('reports a phrase that is already in an earlier group, with that line', () => {
    const { problems } = parseSynonyms('stroomstoring, black-out\n# pin\npinstoring, Stroomstoring');
    expect(problems).toEqual([{ line: 3, message: expect.stringMatching(/"Stroomstoring" staat ook op regel 1/) }]);
  });

  it('finds no problem in content/synoniemen.txt', () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'content', 'synoniemen.txt'), 'utf8');
    const { lines, problems } = parseSynonyms(source);
    expect(problems).toEqual([]);
    expect(lines.length).toBeGreaterThanOrEqual(20);
  });
});
