// Query side of Pagefind: its own runtime (pagefind.js and WebAssembly) loads index chunks
// from `base` as a query needs them.

/** Loads Pagefind from `base` and returns an engine with `search` and `slugs`. */
export async function open(base) {
  const pagefind = await import(`${base}pagefind.js`);
  await pagefind.options({ basePath: base });
  await pagefind.init();
  return {
    search: (query, filters = {}) =>
      pagefind.search(query, { filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) }),
    // Pagefind loads a result's data (url, meta) in a separate request per result.
    slugs: async (result, k) =>
      (await Promise.all(result.results.slice(0, k).map((hit) => hit.data()))).map((data) => data.meta.slug),
  };
}
