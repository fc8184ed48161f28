/** One query of the quality set, with the scripts a searcher should find in the top results. */
export interface QualityQuery {
  q: string;
  sector?: string;
  scenario?: string;
  /** Why the query is in the set (a typo, a phrase, a filter …). */
  why?: string;
  expected: string[];
}

/**
 * Mean over the queries of the share of expected slugs among the first `k` results
 * (macro-averaged recall@k), with the slugs each query missed.
 */
export function recallAtK(
  queries: QualityQuery[],
  k: number,
  search: (query: QualityQuery) => string[],
): { recall: number; misses: Array<{ q: string; missing: string[] }> } {
  let sum = 0;
  const misses: Array<{ q: string; missing: string[] }> = [];
  for (const query of queries) {
    const top = new Set(search(query).slice(0, k));
    const missing = query.expected.filter((slug) => !top.has(slug));
    sum += (query.expected.length - missing.length) / query.expected.length;
    if (missing.length > 0) misses.push({ q: query.q, missing });
  }
  return { recall: queries.length === 0 ? 0 : sum / queries.length, misses };
}
