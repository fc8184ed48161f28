import { markdownToLine } from '../catalog/markdown-to-text.ts';
import { routes } from '../catalog/routes.ts';
import { isExpired } from '../catalog/script-status.ts';
import { splitSections } from '../catalog/split-sections.ts';
import { ALL_SECTORS, type ScriptFrontmatter } from '../schemas/script.ts';
import type { SearchField } from './search-fields.ts';
import type { SearchDoc } from './search-index-file.ts';

/** One script as it goes into the search index: its field texts and what a result shows. */
export interface SearchSource {
  fields: Record<SearchField, string>;
  doc: SearchDoc;
}

/** A script as both the content collection and the content lint hold it. */
export interface ScriptInput {
  slug: string;
  data: ScriptFrontmatter;
  body: string;
}

/** What the index needs to know about sectors and scenarios, and the build date. */
export interface SearchCatalog {
  /** All sectors, in display order. */
  sectors: Array<{ slug: string; name: string }>;
  scenarios: Map<string, { name: string; question: string; tags: string[] }>;
  /** Build date (YYYY-MM-DD): decides which scripts show as expired. */
  today: string;
}

const OWN_FIELDS = ['kernboodschap', 'handelingsperspectief'];

/** Maps a script to its search fields and result document; withdrawn scripts give `undefined`. */
export function toSearchSource(script: ScriptInput, catalog: SearchCatalog): SearchSource | undefined {
  const { data } = script;
  if (data.status === 'ingetrokken') return undefined;
  const { intro, sections } = splitSections(script.body);
  const section = (heading: string) =>
    markdownToLine(sections.find((s) => s.heading.toLowerCase() === heading)?.markdown ?? '');
  const rest = sections.filter((s) => !OWN_FIELDS.includes(s.heading.toLowerCase()));
  const allSectors = data.sectors === ALL_SECTORS;
  const sectorSlugs = allSectors ? catalog.sectors.map((s) => s.slug) : (data.sectors as string[]);
  const sectorName = (slug: string) => catalog.sectors.find((s) => s.slug === slug)?.name ?? slug;
  const scenario = catalog.scenarios.get(data.scenario);
  const kernboodschap = section('kernboodschap');
  return {
    fields: {
      title: data.title,
      tags: [...data.tags, ...(scenario?.tags ?? [])].join(', '),
      scenario: scenario ? `${scenario.name}. ${scenario.question}` : data.scenario,
      kernboodschap,
      sector: [...(allSectors ? ['Alle sectoren'] : []), ...sectorSlugs.map(sectorName)].join(', '),
      handelingsperspectief: section('handelingsperspectief'),
      body: [intro, ...rest.map((s) => `${s.heading}. ${s.markdown}`)].map(markdownToLine).filter(Boolean).join(' '),
    },
    doc: {
      slug: script.slug,
      title: data.title,
      url: routes.script(script.slug),
      sectors: sectorSlugs,
      allSectors,
      scenario: data.scenario,
      status: data.status,
      expired: isExpired(data.geldig_tot, catalog.today),
      snippet: kernboodschap,
    },
  };
}
