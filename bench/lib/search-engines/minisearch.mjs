// Build side of MiniSearch: the same field texts as Baken indexes.
import MiniSearch from 'minisearch';
import { toSearchSource } from '../../../src/search/script-search-source.ts';
import { OPTIONS } from './minisearch-query.mjs';

export const id = 'minisearch';
export const label = 'MiniSearch';

/** Builds the MiniSearch index of `content`; returns the files the browser loads, by path. */
export function build(content) {
  const search = new MiniSearch(OPTIONS);
  let id = 0;
  for (const script of content.scripts) {
    const source = toSearchSource(script, content.catalog);
    if (source === undefined) continue;
    search.add({
      id: id++,
      ...source.fields,
      slug: source.doc.slug,
      sectors: source.doc.sectors,
      scenarioSlug: source.doc.scenario,
    });
  }
  return { 'index.json': JSON.stringify(search) };
}
