import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * Lists the HTML pages of a built site: every `index.html` plus the root `404.html`.
 * Returns `{ url, file }` pairs, where `url` is the address the page is served at.
 */
export function htmlPages(clientDir) {
  return readdirSync(clientDir, { recursive: true })
    .filter((path) => path === '404.html' || path === 'index.html' || path.endsWith(`${sep}index.html`))
    .sort()
    .map((path) => ({
      url: path === '404.html' ? '/404.html' : `/${path.slice(0, -'index.html'.length).split(sep).join('/')}`,
      file: join(clientDir, path),
    }));
}
