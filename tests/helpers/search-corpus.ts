import type { ScriptFrontmatter } from '../../src/schemas/script.ts';
import { buildSearchIndex } from '../../src/search/build-search-index.ts';
import type { ScriptInput } from '../../src/search/script-search-source.ts';
import type { SearchIndexFile } from '../../src/search/search-index-file.ts';
import type { SynonymGroups } from '../../src/search/synonym-table.ts';

/** What a test script needs; everything else gets a plain default. */
export interface TestScript {
  slug: string;
  title: string;
  scenario?: string;
  sectors?: ScriptFrontmatter['sectors'];
  status?: ScriptFrontmatter['status'];
  tags?: string[];
  geldigTot?: string;
  kernboodschap?: string;
  handelingsperspectief?: string;
  body?: string;
}

/** A script as the content lint reads it, with the given fields and Markdown body. */
export function testScript(script: TestScript): ScriptInput {
  const data: ScriptFrontmatter = {
    title: script.title,
    sectors: script.sectors ?? ['zorg'],
    scenario: script.scenario ?? 'stroom',
    audience: ['medewerkers'],
    status: script.status ?? 'vastgesteld',
    version: '1.0',
    vastgesteld_door: 'Test',
    vastgesteld_op: '2026-01-01',
    geldig_tot: script.geldigTot ?? '2099-01-01',
    eigenaar: 'Test',
    tags: script.tags ?? [],
    sms: { text: 'Test', max_segments: 1 },
    email_subject: 'Test',
    correction: 'Test',
  };
  const body = [
    `## Kernboodschap\n\n${script.kernboodschap ?? 'Wij houden u op de hoogte.'}`,
    `## Handelingsperspectief\n\n${script.handelingsperspectief ?? 'Volg de aanwijzingen.'}`,
    script.body ? `## Achtergrond voor de woordvoerder\n\n${script.body}` : '',
  ].join('\n\n');
  return { slug: script.slug, data, body };
}

/** Builds a search index file of test scripts, with two sectors and two scenarios. */
export function testIndex(scripts: TestScript[], synonyms: SynonymGroups = []): SearchIndexFile {
  return buildSearchIndex({
    scripts: scripts.map(testScript),
    catalog: {
      sectors: [
        { slug: 'zorg', name: 'Zorg en welzijn' },
        { slug: 'school', name: 'Onderwijs' },
      ],
      scenarios: new Map([
        ['stroom', { name: 'Stroomuitval', question: 'De stroom is uitgevallen', tags: ['licht'] }],
        ['telefoon', { name: 'Telefonie valt uit', question: 'De telefoon doet het niet', tags: ['bellen'] }],
      ]),
      today: '2026-06-01',
    },
    synonyms,
  });
}
