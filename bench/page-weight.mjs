// Page weight: what a browser downloads on a first visit to each page of dist/client,
// brotli-compressed, against the budget for a crisis page.
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { root } from '../scripts/lib/tasks.mjs';
import { kb, table, times } from './lib/format.mjs';
import { htmlPages } from './lib/html-pages.mjs';
import { median } from './lib/median.mjs';

export const title = 'Page weight: first visit per page (brotli, quality 11)';

/** Budget per page, in brotli bytes. */
export const BUDGET = { total: 100 * 1024, js: 30 * 1024 };

const clientDir = join(root, 'dist', 'client');
// Only used to resolve relative references; never contacted.
const ORIGIN = 'http://baken.invalid';
const SHOWN_ROWS = 15;

const TAG = /<(link|script)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
// Static `import ... from "x"`, `import "x"` and `export ... from "x"` in minified ES modules;
// dynamic `import("x")` is left out because it is not needed for the first visit.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g;

/** Measures every page; sets process.exitCode = 1 when a page is over budget. */
export async function measure() {
  const sizes = new Map();
  const pages = htmlPages(clientDir).map(({ url, file }) => weighPage(url, file, sizes));
  const totals = pages.map((page) => page.totalBr);
  const overBudget = pages.filter((page) => page.totalBr > BUDGET.total || page.jsBr > BUDGET.js);
  if (overBudget.length > 0) process.exitCode = 1;
  return {
    budget: BUDGET,
    pages,
    maxTotalBr: Math.max(...totals),
    medianTotalBr: median(totals),
    overBudget: overBudget.map((page) => page.url),
  };
}

/** Renders the heaviest pages and a summary as a table. */
export function report(result) {
  const { pages, budget, overBudget } = result;
  const heaviest = pages.toSorted((a, b) => b.totalBr - a.totalBr || a.url.localeCompare(b.url)).slice(0, SHOWN_ROWS);
  const row = (label, page) => [
    label,
    kb(page.htmlBr),
    kb(page.cssBr),
    kb(page.jsBr),
    kb(page.totalBr),
    kb(page.jsRaw),
    times(page.totalBr / budget.total, 'budget'),
    times(page.jsBr / budget.js, 'budget'),
  ];
  const summary = (label, pick) => {
    const page = Object.fromEntries(
      ['htmlBr', 'cssBr', 'jsBr', 'totalBr', 'jsRaw'].map((key) => [key, pick(pages.map((p) => p[key]))]),
    );
    return row(label, page);
  };
  const lines = [
    table(
      ['page', 'HTML br', 'CSS br', 'JS br', 'total br', 'JS raw', 'total vs budget', 'JS vs budget'],
      heaviest.map((page) => row(page.url, page)),
      [summary(`max (of ${pages.length} pages)`, (values) => Math.max(...values)), summary('median', median)],
    ),
    '',
    `Budget per page: total ≤ ${kb(budget.total)} br, JS ≤ ${kb(budget.js)} br. ` +
      `Pages over budget: ${overBudget.length} of ${pages.length}.`,
    ...overBudget.map((url) => `  over budget: ${url}`),
  ];
  return lines.join('\n');
}

/** Sums the HTML, CSS and JS a first visit to one page downloads. */
function weighPage(url, htmlFile, sizes) {
  const html = readFileSync(htmlFile, 'utf8');
  const css = new Set();
  const js = new Set();
  for (const [, tag, attributeText] of html.matchAll(TAG)) {
    const attributes = parseAttributes(attributeText);
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
    if (tag.toLowerCase() === 'script' && attributes.has('src')) {
      addModule(resolveLocal(attributes.get('src'), url), js, url);
    } else if (tag.toLowerCase() === 'link' && attributes.has('href')) {
      // Other links (icon, canonical, alternate) are not needed to render the page.
      if (rel.includes('stylesheet')) {
        const file = resolveLocal(attributes.get('href'), url);
        if (file !== undefined) css.add(file);
      }
      if (rel.includes('modulepreload')) addModule(resolveLocal(attributes.get('href'), url), js, url);
    }
  }
  const sum = (files, key) => [...files].reduce((total, file) => total + sizeOf(file, sizes)[key], 0);
  const htmlBr = sizeOf(htmlFile, sizes).br;
  const cssBr = sum(css, 'br');
  const jsBr = sum(js, 'br');
  return {
    url,
    htmlBr,
    cssBr,
    jsBr,
    totalBr: htmlBr + cssBr + jsBr,
    jsRaw: sum(js, 'raw'),
    css: [...css],
    js: [...js],
  };
}

/** Adds a JS file and, recursively, the local `/_astro/*.js` chunks it imports statically. */
function addModule(file, js, pageUrl) {
  if (file === undefined || js.has(file)) return;
  js.add(file);
  const moduleUrl = `/${file
    .slice(clientDir.length + 1)
    .split(sep)
    .join('/')}`;
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
    // Bare specifiers ("astro", "node:x") cannot be local files.
    if (!/^(?:\.{1,2}\/|\/)/.test(specifier)) continue;
    const { pathname } = new URL(specifier, new URL(moduleUrl, ORIGIN));
    if (pathname.startsWith('/_astro/') && pathname.endsWith('.js'))
      addModule(resolveLocal(pathname, moduleUrl, pageUrl), js, pageUrl);
  }
}

/**
 * Resolves a reference made from `baseUrl` to a file under dist/client. Returns undefined for
 * other origins; throws when a local reference has no file, since the page would be broken.
 */
function resolveLocal(reference, baseUrl, pageUrl = baseUrl) {
  const url = new URL(reference, new URL(baseUrl, ORIGIN));
  if (url.origin !== ORIGIN) return undefined;
  const file = join(clientDir, decodeURIComponent(url.pathname));
  if (!file.startsWith(`${clientDir}${sep}`) || !existsSync(file)) {
    throw new Error(`page ${pageUrl} references ${reference}, which is not a file in dist/client`);
  }
  return file;
}

function parseAttributes(text) {
  const attributes = new Map();
  for (const [, name, doubleQuoted, singleQuoted, unquoted] of text.matchAll(ATTRIBUTE)) {
    attributes.set(name.toLowerCase(), doubleQuoted ?? singleQuoted ?? unquoted ?? '');
  }
  return attributes;
}

/** Raw and brotli size of a file, computed once per file for all pages. */
function sizeOf(file, sizes) {
  let size = sizes.get(file);
  if (size === undefined) {
    const content = readFileSync(file);
    const br = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    }).length;
    size = { raw: content.length, br };
    sizes.set(file, size);
  }
  return size;
}
