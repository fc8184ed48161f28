// Build side of this implementation: the index file src/search/ makes.
import { buildSearchIndex } from '../../../src/search/build-search-index.ts';

export const id = 'baken';
export const label = 'Baken (lunr + nl)';

/** Builds the index of `content`; returns the files the browser loads, by path. */
export function build(content) {
  return { 'index.json': JSON.stringify(buildSearchIndex(content)) };
}
