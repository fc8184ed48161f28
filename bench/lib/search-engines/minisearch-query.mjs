// Query side of MiniSearch, configured like Baken where it can be: the same fields and
// weights, diacritics folded, prefix on the last word while typing, one typo from five
// letters, AND with a fallback to OR. It has no Dutch stemmer and no synonyms.
import MiniSearch from 'minisearch';
import { SEARCH_FIELD_BOOSTS, SEARCH_FIELDS } from '../../../src/search/search-fields.ts';

/** Options the index is built and loaded with. */
export const OPTIONS = {
  fields: SEARCH_FIELDS,
  storeFields: ['slug', 'sectors', 'scenarioSlug'],
  processTerm: (term) => term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() || null,
};

/** Loads `${base}index.json` and returns an engine with `search` and `slugs`. */
export async function open(base) {
  const index = MiniSearch.loadJS(await (await fetch(`${base}index.json`)).json(), OPTIONS);
  return {
    search(query, filters = {}) {
      const typing = !/\s$/.test(query);
      const options = {
        boost: SEARCH_FIELD_BOOSTS,
        prefix: (_term, position, terms) => typing && position === terms.length - 1,
        fuzzy: (term) => (term.length >= 5 ? 1 : false),
        filter: (result) =>
          (!filters.sector || result.sectors.includes(filters.sector)) &&
          (!filters.scenario || result.scenarioSlug === filters.scenario),
      };
      const all = index.search(query, { ...options, combineWith: 'AND' });
      return all.length > 0 ? all : index.search(query, { ...options, combineWith: 'OR' });
    },
    slugs: (result, k) => result.slice(0, k).map((hit) => hit.slug),
  };
}
