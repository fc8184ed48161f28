// Precache: what the service worker stores on a first visit (files and bytes), and what it
// transfers to get them (the brotli variants the server sends), against the budget.
import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { root } from '../scripts/lib/tasks.mjs';
import { precacheLimits } from '../src/service-worker/precache-limits.ts';
import { readPrecacheManifest } from '../tests/helpers/precache-manifest.ts';
import { kb, table, times } from './lib/format.mjs';

export const title = 'Precache: files and bytes the service worker stores after one visit';

const clientDir = join(root, 'dist', 'client');

/** Sizes of every precached file, raw and as sent (brotli where a variant exists). */
export async function measure() {
  const files = readPrecacheManifest(clientDir).map(({ url }) => {
    const path = join(clientDir, url);
    const raw = statSync(path).size;
    const sent = existsSync(`${path}.br`) ? statSync(`${path}.br`).size : raw;
    return { url, type: extname(url).slice(1), raw, sent };
  });
  const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
  const types = [...new Set(files.map((file) => file.type))].sort().map((type) => {
    const ofType = files.filter((file) => file.type === type);
    return { type, count: ofType.length, raw: sum(ofType, 'raw'), sent: sum(ofType, 'sent') };
  });
  return {
    budget: precacheLimits(process.env).budgetBytes,
    count: files.length,
    raw: sum(files, 'raw'),
    sent: sum(files, 'sent'),
    types,
    largest: files.toSorted((a, b) => b.raw - a.raw).slice(0, 5),
  };
}

/** Renders the precache per file type, with the total as a ratio to the budget. */
export function report(result) {
  const row = (label, count, raw, sent) => [label, count, kb(raw), kb(sent), times(raw / result.budget, 'budget', 3)];
  return [
    table(
      ['type', 'files', 'stored', 'transferred (br)', 'stored vs budget'],
      result.types.map((type) => row(type.type, type.count, type.raw, type.sent)),
      [row('total', result.count, result.raw, result.sent)],
    ),
    '',
    `Budget: ${kb(result.budget)} stored. Largest files: ${result.largest.map((file) => `${file.url} (${kb(file.raw)})`).join(', ')}.`,
  ].join('\n');
}
