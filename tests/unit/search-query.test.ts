import { describe, expect, it } from 'vitest';
import { createSearcher, type SearchFilters, SearchIndexVersionError } from '../../src/search/create-searcher.ts';
import { makeSnippet } from '../../src/search/make-snippet.ts';
import { present } from '../helpers/present.ts';
import { testIndex } from '../helpers/search-corpus.ts';

const file = testIndex(
  [
    {
      slug: 'zorg-stroom',
      title: 'Stroomuitval in de zorg',
      tags: ['aggregaat'],
      kernboodschap: 'De stroom is uitgevallen in {gemeente}. Bewaar insuline koel.',
    },
    {
      slug: 'school-stroom',
      title: 'Stroomuitval op school',
      sectors: ['school'],
      kernboodschap: 'Kinderen worden opgehaald.',
    },
    {
      slug: 'alle-telefoon',
      title: 'Telefoon werkt niet',
      sectors: 'alle-sectoren',
      scenario: 'telefoon',
      kernboodschap: 'Bel alleen bij spoed.',
    },
    {
      slug: 'zorg-dossier',
      title: 'Cliëntdossier valt uit',
      scenario: 'telefoon',
      status: 'concept',
      kernboodschap: 'Werk op papier.',
    },
    { slug: 'zorg-oud', title: 'Oude lijn over dossiers', scenario: 'telefoon', status: 'ingetrokken' },
    {
      slug: 'school-noodplan',
      title: 'Noodplan',
      sectors: ['school'],
      scenario: 'telefoon',
      kernboodschap: 'Na een black-out start het noodplan.',
    },
    {
      slug: 'school-sporthal',
      title: 'Sporthal dicht',
      sectors: ['school'],
      scenario: 'telefoon',
      kernboodschap: 'Er is geen stroom in de sporthal.',
    },
    {
      slug: 'zorg-verlopen',
      title: 'Verlopen lijn',
      scenario: 'telefoon',
      geldigTot: '2026-01-01',
      kernboodschap: 'Controleer deze lijn.',
    },
  ],
  [
    ['stroomstoring', 'stroomuitval', 'black-out', 'geen stroom'],
    ['telefoonstoring', 'niet bellen'],
  ],
);
const searcher = createSearcher(JSON.parse(JSON.stringify(file)));
const slugs = (query: string, filters?: SearchFilters) =>
  searcher.search(query, filters).hits.map((hit) => hit.doc.slug);

describe('search index', () => {
  it('never holds a withdrawn script', () => {
    expect(file.docs.map((doc) => doc.slug)).not.toContain('zorg-oud');
    expect(slugs('oude lijn over dossiers')).not.toContain('zorg-oud');
  });

  it('holds concepts with their status, and flags expired scripts', () => {
    const bySlug = new Map(file.docs.map((doc) => [doc.slug, doc]));
    expect(bySlug.get('zorg-dossier')?.status).toBe('concept');
    expect(bySlug.get('zorg-verlopen')?.expired).toBe(true);
    expect(bySlug.get('zorg-stroom')?.expired).toBe(false);
  });

  it('expands scripts for all sectors to every sector', () => {
    expect(file.docs.find((doc) => doc.slug === 'alle-telefoon')).toMatchObject({
      allSectors: true,
      sectors: ['zorg', 'school'],
    });
  });
});

describe('search', () => {
  it('requires every word by default', () => {
    expect(searcher.search('stroomuitval school')).toMatchObject({ match: 'all' });
    expect(slugs('stroomuitval school')).toEqual(['school-stroom']);
  });

  it('falls back to any word, most words first, when no script has them all', () => {
    const result = searcher.search('kinderen insuline aggregaat');
    expect(result.match).toBe('any');
    expect(result.hits.map((hit) => hit.doc.slug)).toEqual(['zorg-stroom', 'school-stroom']);
  });

  it('ignores diacritics and case, in the query and in the text', () => {
    expect(slugs('cliëntdossier')).toEqual(['zorg-dossier']);
    expect(slugs('CLIENTDOSSIER')).toEqual(['zorg-dossier']);
  });

  it('offers concepts', () => {
    expect(searcher.search('papier').hits[0]?.doc).toMatchObject({ slug: 'zorg-dossier', status: 'concept' });
  });

  it('finds every phrase of a synonym group, one word or several, with the query in any of them', () => {
    const power = ['zorg-stroom', 'school-stroom', 'school-noodplan', 'school-sporthal'];
    expect(slugs('stroomstoring').sort()).toEqual(power.sort());
    expect(slugs('geen stroom').sort()).toEqual(power.sort());
    expect(slugs('black-out').sort()).toEqual(power.sort());
  });

  it('searches a joined word the index does not know as its pieces', () => {
    expect(slugs('school-stroomuitval')).toEqual(['school-stroom']);
  });

  it('leaves out stop words outside a phrase', () => {
    expect(searcher.search('geen')).toEqual({ hits: [], match: 'none' });
    expect(slugs('de sporthal')).toEqual(['school-sporthal']);
  });

  it('matches the last word as a prefix while typing, not after a space', () => {
    expect(slugs('insu')).toEqual(['zorg-stroom']);
    expect(slugs('insu ')).toEqual([]);
    expect(slugs('insu kinderen')).toEqual(['school-stroom']);
  });

  it('tolerates one typo in a word of five letters or more', () => {
    expect(slugs('insulien')).toEqual(['zorg-stroom']);
    expect(slugs('insuliine ')).toEqual(['zorg-stroom']);
    expect(slugs('stroomstorng').sort()).toEqual([
      'school-noodplan',
      'school-sporthal',
      'school-stroom',
      'zorg-stroom',
    ]);
  });

  it('tolerates no typo in a short word, nor two typos', () => {
    expect(slugs('spod ')).toEqual([]);
    expect(slugs('isnulien ')).toEqual([]);
  });

  it('does not take {placeholders} for words', () => {
    expect(slugs('gemeente')).toEqual([]);
  });

  it('narrows to a sector, keeping scripts for all sectors', () => {
    expect(slugs('telefoon', { sector: 'school' })).toContain('alle-telefoon');
    expect(slugs('telefoon', { sector: 'school' })).not.toContain('zorg-dossier');
  });

  it('lists every script of a filter when there are no words, agreed ones first', () => {
    const result = searcher.search('', { scenario: 'telefoon' });
    expect(result.match).toBe('filter');
    expect(result.hits.map((hit) => hit.doc.slug)).toEqual([
      'school-noodplan',
      'school-sporthal',
      'alle-telefoon',
      'zorg-verlopen',
      'zorg-dossier',
    ]);
  });

  it('finds nothing for an empty query without filters', () => {
    expect(searcher.search('   ')).toEqual({ hits: [], match: 'none' });
  });

  it('refuses an index file of another version', () => {
    expect(() => createSearcher({ ...file, version: 0 as unknown as 1 })).toThrow(SearchIndexVersionError);
  });
});

describe('marking matches', () => {
  const marked = (query: string, slug: string, text: (title: string, snippet: string) => string) => {
    const hit = present(
      searcher.search(query).hits.find((h) => h.doc.slug === slug),
      `a hit for ${slug}`,
    );
    return searcher
      .mark(text(hit.doc.title, hit.doc.snippet), hit)
      .filter((part) => part.marked)
      .map((part) => part.text);
  };

  it('marks the words a script was found by: synonyms, phrases and prefixes', () => {
    expect(marked('stroomstoring', 'school-noodplan', (_, snippet) => snippet)).toEqual(['black-out']);
    expect(marked('stroomstoring', 'school-sporthal', (_, snippet) => snippet)).toEqual(['geen stroom']);
    expect(marked('stroomstoring', 'zorg-stroom', (title) => title)).toEqual(['Stroomuitval']);
    expect(marked('insu', 'zorg-stroom', (_, snippet) => snippet)).toEqual(['insuline']);
  });

  it('keeps all text when marking', () => {
    const hit = present(searcher.search('insuline').hits[0], 'a hit for insuline');
    expect(
      searcher
        .mark(hit.doc.snippet, hit)
        .map((part) => part.text)
        .join(''),
    ).toBe(hit.doc.snippet);
  });

  it('cuts a long snippet on word boundaries around the first mark', () => {
    const words = Array.from({ length: 80 }, (_, i) => `woord${i}`);
    const parts = [
      { text: `${words.slice(0, 50).join(' ')} `, marked: false },
      { text: 'stroom', marked: true },
      { text: ` ${words.slice(50).join(' ')}`, marked: false },
    ];
    const snippet = makeSnippet(parts, 120);
    const text = snippet.map((part) => part.text).join('');
    expect(text.length).toBeLessThanOrEqual(124);
    expect(text.startsWith('… woord')).toBe(true);
    expect(text.endsWith(' …')).toBe(true);
    expect(snippet.filter((part) => part.marked).map((part) => part.text)).toEqual(['stroom']);
    expect(makeSnippet([{ text: 'kort', marked: false }], 120)).toEqual([{ text: 'kort', marked: false }]);
  });
});
