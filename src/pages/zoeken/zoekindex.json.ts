import type { APIRoute } from 'astro';
import { buildDate } from '../../catalog/build-info.ts';
import { loadCatalog } from '../../catalog/catalog.ts';
import { contentDir } from '../../catalog/content-dir.ts';
import { buildSearchIndex } from '../../search/build-search-index.ts';
import { readSynonymsFs } from '../../search/read-synonyms-fs.ts';

/** The search index, documents and synonyms as one static file, loaded by /zoeken/ on first use. */
export const GET: APIRoute = async () => {
  const catalog = await loadCatalog();
  const file = buildSearchIndex({
    scripts: catalog.scripts.map((script) => ({ slug: script.id, data: script.data, body: script.body ?? '' })),
    catalog: {
      sectors: catalog.sectors.map((sector) => ({ slug: sector.id, name: sector.data.name })),
      scenarios: new Map(
        catalog.scenarios.map((s) => [s.id, { name: s.data.name, question: s.data.question, tags: s.data.tags }]),
      ),
      today: buildDate,
    },
    synonyms: readSynonymsFs(contentDir()),
  });
  return new Response(JSON.stringify(file), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
