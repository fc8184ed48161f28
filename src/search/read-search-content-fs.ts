import { lintContent } from '../lint/lint-content.ts';
import { readContentFs } from '../lint/read-content-fs.ts';
import type { SearchContent } from './build-search-index.ts';
import { readSynonymsFs } from './read-synonyms-fs.ts';

/**
 * Reads what the search index is made of straight from a content folder, without Astro:
 * for tests and the benchmark. The site build reads the same from the content collections
 * (src/pages/zoeken/zoekindex.json.ts).
 */
export function readSearchContentFs(contentDir: string, today: string): SearchContent {
  const { entries } = lintContent(readContentFs(contentDir, contentDir));
  const sectors = entries.flatMap((e) =>
    e.collection === 'sectors' ? [{ slug: e.slug, name: e.data.name, order: e.data.order }] : [],
  );
  const scenarios = entries.flatMap((e) => (e.collection === 'scenarios' ? [{ slug: e.slug, ...e.data }] : []));
  return {
    scripts: entries.flatMap((e) => (e.collection === 'scripts' ? [{ slug: e.slug, data: e.data, body: e.body }] : [])),
    catalog: {
      sectors: sectors.sort((a, b) => a.order - b.order).map(({ slug, name }) => ({ slug, name })),
      scenarios: new Map(
        scenarios
          .sort((a, b) => a.order - b.order)
          .map((s) => [s.slug, { name: s.name, question: s.question, tags: s.tags }]),
      ),
      today,
    },
    synonyms: readSynonymsFs(contentDir),
  };
}
