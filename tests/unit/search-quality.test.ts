import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/search/build-search-index.ts';
import { createSearcher } from '../../src/search/create-searcher.ts';
import { readSearchContentFs } from '../../src/search/read-search-content-fs.ts';
import { type QualityQuery, recallAtK } from '../helpers/recall.ts';

const root = join(import.meta.dirname, '..', '..');
const queries = JSON.parse(
  readFileSync(join(root, 'tests', 'fixtures', 'search-queries.json'), 'utf8'),
) as QualityQuery[];
const content = readSearchContentFs(join(root, 'content'), '2026-10-01');
const searcher = createSearcher(buildSearchIndex(content));

describe('search quality on the demo content (tests/fixtures/search-queries.json)', () => {
  it('has at least 30 queries, each expecting scripts that exist and are not withdrawn', () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    const offered = new Set(content.scripts.filter((s) => s.data.status !== 'ingetrokken').map((s) => s.slug));
    for (const query of queries) {
      expect(query.expected.length, query.q).toBeGreaterThan(0);
      for (const slug of query.expected) expect(offered.has(slug), `${query.q}: ${slug}`).toBe(true);
    }
  });

  it('finds the expected scripts in the top 5: recall@5 of at least 0.9', () => {
    const { recall, misses } = recallAtK(queries, 5, (query) =>
      searcher.search(query.q, query).hits.map((hit) => hit.doc.slug),
    );
    console.log(
      `search recall@5 = ${recall.toFixed(3)} over ${queries.length} queries${misses.map((m) => `\n  missed for "${m.q}": ${m.missing.join(', ')}`).join('')}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('lists a stroomuitval script first for "stroomstoring"', () => {
    const first = searcher.search('stroomstoring').hits[0]?.doc;
    expect(first?.scenario).toBe('stroomuitval');
  });
});
