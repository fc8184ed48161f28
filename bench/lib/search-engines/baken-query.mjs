// Query side of this implementation, as the browser runs it: fetch the index file, search.
import { createSearcher } from '../../../src/search/create-searcher.ts';

/** Loads `${base}index.json` and returns an engine with `search` and `slugs`. */
export async function open(base) {
  const searcher = createSearcher(await (await fetch(`${base}index.json`)).json());
  return {
    search: (query, filters) => searcher.search(query, filters),
    slugs: (result, k) => result.hits.slice(0, k).map((hit) => hit.doc.slug),
  };
}
