import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/search/build-search-index.ts';
import { createSearcher } from '../../src/search/create-searcher.ts';
import { readSearchContentFs } from '../../src/search/read-search-content-fs.ts';
import type { SearchIndexFile } from '../../src/search/search-index-file.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';
import { sitemapPaths } from '../helpers/sitemap.ts';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub?.stop());

describe('the search index served by the hub', () => {
  it('is a static JSON file at a stable address, revalidated like every page', async () => {
    const response = await fetch(`${hub.url}/zoeken/zoekindex.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toMatch(/^".+"$/);
  });

  it('is the index the content folder gives, without withdrawn scripts', async () => {
    const served = (await (await fetch(`${hub.url}/zoeken/zoekindex.json`)).json()) as SearchIndexFile;
    const content = readSearchContentFs(join(projectRoot, 'content'), '2026-10-01');
    const expected = buildSearchIndex(content);
    // `expired` depends on the build date; everything else must be identical.
    const withoutExpiry = (file: SearchIndexFile) => ({
      ...file,
      docs: file.docs.map(({ expired: _, ...doc }) => doc),
    });
    expect(withoutExpiry(served)).toEqual(withoutExpiry(JSON.parse(JSON.stringify(expected)) as SearchIndexFile));
    const withdrawn = content.scripts.filter((s) => s.data.status === 'ingetrokken').map((s) => s.slug);
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const slug of withdrawn) expect(served.docs.map((doc) => doc.slug)).not.toContain(slug);
    expect(createSearcher(served).search('stroomstoring').hits[0]?.doc.scenario).toBe('stroomuitval');
  });

  it('lists /zoeken/ in the sitemap, and every result links to a page that exists', async () => {
    expect(await sitemapPaths(hub.url)).toContain('/zoeken/');
    const served = (await (await fetch(`${hub.url}/zoeken/zoekindex.json`)).json()) as SearchIndexFile;
    for (const doc of served.docs)
      expect((await fetch(`${hub.url}${doc.url}`, { method: 'HEAD' })).status, doc.url).toBe(200);
  });
});
