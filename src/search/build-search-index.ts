import lunr from 'lunr';
import { compactIndex, type SerialisedLunrIndex } from './compact-index.ts';
import { indexTokens } from './index-tokens.ts';
import { type ScriptInput, type SearchCatalog, type SearchSource, toSearchSource } from './script-search-source.ts';
import { SEARCH_FIELD_BOOSTS, SEARCH_FIELDS } from './search-fields.ts';
import { SEARCH_INDEX_VERSION, type SearchIndexFile } from './search-index-file.ts';
import { compileSynonyms, type SynonymGroups } from './synonym-table.ts';

/** Everything the search index is made from. */
export interface SearchContent {
  scripts: ScriptInput[];
  catalog: SearchCatalog;
  synonyms: SynonymGroups;
}

/**
 * Builds the lunr index of the scripts (withdrawn ones left out, the rest in slug order) and
 * returns the file the browser loads. Texts are analysed here (normalised, stemmed, synonyms
 * added) and handed to lunr as ready tokens, so the browser needs no lunr pipeline: it
 * analyses the query with the same code. The index is stored in the form of `compactIndex`.
 */
export function buildSearchIndex(content: SearchContent): SearchIndexFile {
  const synonyms = compileSynonyms(content.synonyms);
  const sources = content.scripts
    .toSorted((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map((script) => toSearchSource(script, content.catalog))
    .filter((source): source is SearchSource => source !== undefined);
  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  builder.ref('ref');
  for (const field of SEARCH_FIELDS) builder.field(field, { boost: SEARCH_FIELD_BOOSTS[field] });
  sources.forEach((source, position) => {
    const document: Record<string, string | string[]> = { ref: String(position) };
    for (const field of SEARCH_FIELDS) document[field] = indexTokens(source.fields[field], synonyms);
    builder.add(document);
  });
  return {
    version: SEARCH_INDEX_VERSION,
    index: compactIndex(builder.build().toJSON() as SerialisedLunrIndex),
    docs: sources.map((source) => source.doc),
    synonyms: content.synonyms,
    sectors: Object.fromEntries(content.catalog.sectors.map((sector) => [sector.slug, sector.name])),
    scenarios: Object.fromEntries([...content.catalog.scenarios].map(([slug, scenario]) => [slug, scenario.name])),
  };
}
