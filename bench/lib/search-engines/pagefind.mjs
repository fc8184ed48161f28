// Pagefind, fed the same texts as HTML with the same weights (data-pagefind-weight), Dutch
// stemming (forceLanguage nl), and sector and scenario as filters. It has no synonyms.
import * as pagefind from 'pagefind';
import { toSearchSource } from '../../../src/search/script-search-source.ts';
import { SEARCH_FIELD_BOOSTS, SEARCH_FIELDS } from '../../../src/search/search-fields.ts';

export const id = 'pagefind';
export const label = 'Pagefind';

const escapeHtml = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Builds the Pagefind bundle of `content` through its Node API; returns its files. */
export async function build(content) {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'nl' });
  if (!index) throw new Error(`pagefind createIndex: ${errors.join('; ')}`);
  for (const script of content.scripts) {
    const source = toSearchSource(script, content.catalog);
    if (source === undefined) continue;
    const { doc, fields } = source;
    const filters = [...doc.sectors.map((sector) => `sector:${sector}`), `scenario:${doc.scenario}`]
      .map((filter) => `<span data-pagefind-filter="${escapeHtml(filter)}"></span>`)
      .join('');
    const body = SEARCH_FIELDS.map(
      (field) =>
        `<p data-pagefind-weight="${Math.min(10, SEARCH_FIELD_BOOSTS[field])}">${escapeHtml(fields[field])}</p>`,
    ).join('');
    const html = `<!doctype html><html lang="nl"><head><title>${escapeHtml(doc.title)}</title></head><body><div data-pagefind-meta="slug:${escapeHtml(doc.slug)}"></div>${filters}<main data-pagefind-body>${body}</main></body></html>`;
    const added = await index.addHTMLFile({ url: doc.url, content: html });
    if (added.errors.length > 0) throw new Error(`pagefind addHTMLFile: ${added.errors.join('; ')}`);
  }
  const { files, errors: fileErrors } = await index.getFiles();
  if (fileErrors.length > 0) throw new Error(`pagefind getFiles: ${fileErrors.join('; ')}`);
  await index.deleteIndex();
  return Object.fromEntries(files.map((file) => [file.path, Buffer.from(file.content)]));
}

/** Stops the Pagefind service the Node API started. */
export function close() {
  return pagefind.close();
}

/** True for the files of Pagefind's search runtime (JS and WebAssembly) rather than index data. */
export function isRuntimeFile(path) {
  return /^pagefind(-worker)?\.js$/.test(path) || path.startsWith('wasm.');
}

/** True for files a search never loads: the ready-made UIs and the highlighter. */
export function isUnusedFile(path) {
  return /^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(path);
}
