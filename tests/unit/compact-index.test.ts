import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { compactIndex, type SerialisedLunrIndex } from '../../src/search/compact-index.ts';
import { readCompactIndex } from '../../src/search/read-compact-index.ts';
import { present } from '../helpers/present.ts';

const DOCS = [
  { ref: '0', title: 'stroom stroom uitval', body: 'licht weg stroom' },
  { ref: '1', title: 'telefoon', body: 'bellen stroom telefoon' },
  { ref: '2', title: 'pinnen', body: 'kassa pinnen contant betalen' },
  { ref: '3', title: 'stroom', body: '' },
];

function lunrIndex(docs: Array<Record<string, string>>): SerialisedLunrIndex {
  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  builder.ref('ref');
  builder.field('title', { boost: 5 });
  builder.field('body');
  for (const doc of docs) builder.add(doc);
  return builder.build().toJSON() as SerialisedLunrIndex;
}

/** Every (term, document) pair with lunr's score summed over fields, from lunr's own field vectors. */
function scoresOf(index: SerialisedLunrIndex): Map<string, number> {
  const termByIndex = new Map(index.invertedIndex.map(([term, posting]) => [posting._index, term]));
  const scores = new Map<string, number>();
  for (const [fieldRef, elements] of index.fieldVectors) {
    const doc = fieldRef.split('/')[1];
    for (let i = 0; i < elements.length; i += 2) {
      const key = `${termByIndex.get(present(elements[i], 'a term index'))}@${doc}`;
      scores.set(key, (scores.get(key) ?? 0) + present(elements[i + 1], 'a score'));
    }
  }
  return scores;
}

describe('compactIndex and readCompactIndex', () => {
  const serialised = lunrIndex(DOCS);
  const compact = compactIndex(serialised);
  const reader = readCompactIndex(compact);

  it('keep every score lunr computed, for every term and document', () => {
    const read = new Map<string, number>();
    for (const term of compact.terms) reader.forEachDocument(term, (doc, score) => read.set(`${term}@${doc}`, score));
    const expected = scoresOf(serialised);
    expect([...read.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, score] of expected) expect(read.get(key), key).toBeCloseTo(score, 9);
  });

  it('is smaller than lunr’s own serialisation', () => {
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(serialised).length / 2);
  });

  it('expands a prefix, an exact term and a typo to index terms', () => {
    expect(reader.expand({ term: 'st', prefix: true, typo: false, boost: 1 })).toEqual(['stroom']);
    expect(reader.expand({ term: 'kassa', prefix: false, typo: false, boost: 1 })).toEqual(['kassa']);
    expect(reader.expand({ term: 'kasa', prefix: false, typo: false, boost: 1 })).toEqual([]);
    expect(reader.expand({ term: 'telefono', prefix: false, typo: true, boost: 1 })).toEqual(['telefoon']);
  });

  it('refuses document refs that are not positions', () => {
    expect(() => compactIndex(lunrIndex([{ ref: 'zorg-stroom', title: 'stroom', body: '' }]))).toThrow(/document refs/);
  });
});
