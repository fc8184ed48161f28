// Search: this implementation (a lunr index built by src/search/) beside MiniSearch and
// Pagefind. Index size, build time and query time on a generated corpus of 2,000 scripts;
// recall@5 on the quality set (tests/fixtures/search-queries.json) over the demo content.
// Every engine gets the same texts and runs the same adapter code in Node and in Chromium.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { root } from '../scripts/lib/tasks.mjs';
import { readSearchContentFs } from '../src/search/read-search-content-fs.ts';
import { launchChromium } from '../tests/helpers/browser.ts';
import { recallAtK } from '../tests/helpers/recall.ts';
import { kb, table, times } from './lib/format.mjs';
import { generateScripts } from './lib/search-corpus.mjs';
import * as baken from './lib/search-engines/baken.mjs';
import * as minisearch from './lib/search-engines/minisearch.mjs';
import * as pagefind from './lib/search-engines/pagefind.mjs';
import { serveDir } from './lib/serve-dir.mjs';
import { compressedSizes, percentile } from './lib/stats.mjs';

const SCRIPT_COUNT = 2000;
const K = 5;
// A fixed build date, so the corpus and its index are the same in every run.
const TODAY = '2026-10-01';

export const title = `Search: Baken (lunr) beside MiniSearch and Pagefind, ${SCRIPT_COUNT.toLocaleString('en')} generated scripts`;

/** Budget for this implementation: index size per 1,000 scripts (brotli) and p95 query time in the browser. */
export const BUDGET = { brPer1000Scripts: 300 * 1024, browserP95Ms: 50 };

const ENGINES = [
  { engine: baken, runtime: () => [] },
  { engine: minisearch, runtime: () => [] },
  // The wasm file is per language; the index is Dutch only.
  {
    engine: pagefind,
    runtime: (files) =>
      ['pagefind.js', 'pagefind-worker.js', 'wasm.nl.pagefind'].map((path) => files[path]).filter(Boolean),
  },
];

/** Builds every engine's index, then searches in Node and in Chromium; sets exitCode 1 over budget. */
export async function measure() {
  const quality = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'search-queries.json'), 'utf8'));
  const workload = typingWorkload(quality);
  const demo = readSearchContentFs(join(root, 'content'), TODAY);
  const generated = { ...demo, scripts: generateScripts(demo.scripts, SCRIPT_COUNT) };
  const work = mkdtempSync(join(tmpdir(), 'baken-bench-search-'));
  const restoreFetch = serveFileUrls();
  const results = [];
  try {
    for (const { engine, runtime } of ENGINES) {
      try {
        results.push(
          await measureInNode(engine, runtime, { demo, generated, quality, workload, dir: join(work, engine.id) }),
        );
      } catch (error) {
        results.push({ id: engine.id, label: engine.label, error: firstLine(error) });
      }
    }
    await pagefind.close();
    await measureInChromium(results, work, quality, workload);
  } finally {
    restoreFetch();
    rmSync(work, { recursive: true, force: true });
  }
  const ours = results.find((result) => result.id === baken.id);
  const overBudget =
    !ours?.sizes ||
    ours.sizes.br / (SCRIPT_COUNT / 1000) > BUDGET.brPer1000Scripts ||
    !(ours.browser?.p95 <= BUDGET.browserP95Ms);
  if (overBudget) process.exitCode = 1;
  return {
    scriptCount: SCRIPT_COUNT,
    qualityCount: quality.length,
    workloadCount: workload.length,
    budget: BUDGET,
    results,
    overBudget,
  };
}

/** Prints sizes, times and recall as tables, with ratios to Baken and to the budget. */
export function report(result) {
  const { results, budget, scriptCount } = result;
  const ours = results.find((r) => r.id === baken.id);
  const vs = (value, base, digits = 2) =>
    value === undefined || base === undefined ? 'n/a' : times(value / base, 'Baken', digits);
  const ms = (value) => (value === undefined ? 'n/a' : `${value.toFixed(value < 10 ? 2 : 1)} ms`);
  const ok = results.filter((r) => !r.error);
  const perThousand = (r) => r.sizes.br / (scriptCount / 1000);
  const lines = [
    `Index of ${scriptCount.toLocaleString('en')} scripts (every file the engine's index consists of):`,
    '',
    table(
      ['engine', 'build', 'raw', 'gzip', 'brotli', 'br per 1,000', 'vs budget', 'br vs Baken', 'query code br'],
      ok.map((r) => [
        r.label,
        `${r.buildSeconds.toFixed(2)} s`,
        kb(r.sizes.raw),
        kb(r.sizes.gzip),
        kb(r.sizes.br),
        kb(perThousand(r)),
        times(perThousand(r) / budget.brPer1000Scripts, 'budget'),
        vs(r.sizes.br, ours?.sizes?.br),
        r.runtimeBr === undefined ? 'n/a' : kb(r.runtimeBr),
      ]),
    ),
    '',
    `Query time: ${result.workloadCount} queries, each quality query typed letter by letter (warm, after one pass).`,
    'Load: fetch and open the index; fetched: index bytes the browser downloaded for load and all queries (uncompressed).',
    '',
    table(
      [
        'engine',
        'Node p50',
        'Node p95',
        'Chromium load',
        'fetched',
        'Chromium p50',
        'Chromium p95',
        'p95 vs budget',
        'p95 vs Baken',
      ],
      ok.map((r) => [
        r.label,
        ms(r.node.p50),
        ms(r.node.p95),
        ms(r.browser?.loadMs),
        r.browser ? kb(r.browser.fetched) : 'n/a',
        ms(r.browser?.p50),
        ms(r.browser?.p95),
        r.browser ? times(r.browser.p95 / budget.browserP95Ms, 'budget') : 'n/a',
        vs(r.browser?.p95, ours?.browser?.p95),
      ]),
    ),
    '',
    `Quality: recall@${K} over ${result.qualityCount} queries on the demo content (tests/fixtures/search-queries.json):`,
    '',
    table(
      ['engine', `recall@${K}`, 'vs Baken', 'queries with a miss'],
      ok.map((r) => [r.label, r.recall.toFixed(3), vs(r.recall, ours?.recall), String(r.misses.length)]),
    ),
    '',
    `Budget for Baken: ≤ ${kb(budget.brPer1000Scripts)} brotli per 1,000 scripts, p95 ≤ ${budget.browserP95Ms} ms in Chromium. ` +
      (result.overBudget ? 'OVER BUDGET.' : 'Within budget.'),
    'Pagefind splits its index into chunks and fetches only those a query needs; its size is all chunks. Its .pf_ files',
    'are gzip-compressed by Pagefind already. In Chromium it searches in a web worker; in Node it runs on the main thread,',
    'with file:// reads in place of fetch. The corpus repeats 33 templates, so it compresses better than real content would.',
    ...results.filter((r) => r.error).map((r) => `${r.label}: could not run here: ${r.error}`),
    ...ok.filter((r) => r.browserError).map((r) => `${r.label} in Chromium: ${r.browserError}`),
  ];
  return lines.join('\n');
}

/** Every prefix of every quality query, as typed letter by letter, with the query's filters. */
function typingWorkload(quality) {
  return quality.flatMap((query) =>
    Array.from({ length: query.q.length }, (_, index) => ({
      q: query.q.slice(0, index + 1),
      sector: query.sector,
      scenario: query.scenario,
    })),
  );
}

/** Builds an engine's index of the demo and the generated content, and searches both in Node. */
async function measureInNode(engine, runtime, { demo, generated, quality, workload, dir }) {
  writeFiles(join(dir, 'demo'), await engine.build(demo));
  const start = performance.now();
  const files = await engine.build(generated);
  const buildSeconds = (performance.now() - start) / 1000;
  writeFiles(join(dir, 'generated'), files);
  const runtimeFiles = runtime(files);
  const dataFiles = Object.entries(files)
    .filter(([path]) => engine.id !== pagefind.id || !(pagefind.isRuntimeFile(path) || pagefind.isUnusedFile(path)))
    .map(([, content]) => content);

  const query = await import(
    pathToFileURL(join(root, 'bench', 'lib', 'search-engines', `${engine.id}-query.mjs`)).href
  );
  const base = (corpus) => `${pathToFileURL(join(dir, corpus)).href}/`;
  const found = await runQualitySet(await query.open(base('demo')), quality);
  const { recall, misses } = recallAtK(quality, K, (q) => found.get(q) ?? []);
  const timing = await runWorkload(() => query.open(base('generated')), workload);
  return {
    id: engine.id,
    label: engine.label,
    buildSeconds,
    sizes: compressedSizes(dataFiles),
    runtimeFiles,
    recall,
    misses,
    node: summarise(timing),
  };
}

/** Loads each engine's query code into Chromium pages and runs the same workload there. */
async function measureInChromium(results, work, quality, workload) {
  const www = join(work, 'www');
  mkdirSync(www, { recursive: true });
  writeFileSync(
    join(www, 'index.html'),
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>',
  );
  const server = await serveDir(work);
  const browser = await launchChromium();
  try {
    for (const result of results.filter((r) => !r.error)) {
      const bundle = await bundleQueryCode(result.id);
      writeFileSync(join(www, `${result.id}.js`), bundle);
      result.runtimeBr = compressedSizes([bundle, ...result.runtimeFiles]).br;
      try {
        const base = (corpus) => `${server.url}/${result.id}/${corpus}/`;
        const page = await browser.newPage();
        await page.goto(`${server.url}/www/index.html`);
        await page.addScriptTag({ url: `${server.url}/www/${result.id}.js` });
        const found = new Map(await page.evaluate(inPageQualitySet, { base: base('demo'), quality, k: K }));
        const chromiumRecall = recallAtK(
          quality,
          K,
          (q) => found.get(q.q + JSON.stringify([q.sector, q.scenario])) ?? [],
        ).recall;
        if (Math.abs(chromiumRecall - result.recall) > 1e-9)
          result.browserError = `recall@${K} differs from Node: ${chromiumRecall.toFixed(3)}`;
        let fetched = 0;
        page.on('response', (response) => {
          if (response.url().startsWith(base('generated')))
            fetched += Number(response.headers()['content-length'] ?? 0);
        });
        const timing = await page.evaluate(inPageWorkload, { base: base('generated'), workload });
        result.browser = { ...summarise(timing), loadMs: timing.loadMs, fetched };
        await page.close();
      } catch (error) {
        result.browserError = firstLine(error);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Bundles an engine's query module for the browser as a script that sets `BenchAdapter`. */
async function bundleQueryCode(id) {
  const output = await esbuild({
    entryPoints: [join(root, 'bench', 'lib', 'search-engines', `${id}-query.mjs`)],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'BenchAdapter',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return output.outputFiles[0].contents;
}

/** Runs the quality set; returns the top-K slugs per query (keyed by query and filters). */
async function runQualitySet(engine, quality) {
  const found = new Map();
  for (const query of quality) {
    const filters = { sector: query.sector, scenario: query.scenario };
    found.set(query, await engine.slugs(await engine.search(query.q, filters), K));
  }
  return found;
}

/** Opens an engine (timed), runs the workload once to warm up, then once timed per query. */
async function runWorkload(open, workload) {
  const start = performance.now();
  const engine = await open();
  const loadMs = performance.now() - start;
  const durations = [];
  for (const pass of [false, true]) {
    for (const query of workload) {
      const begin = performance.now();
      await engine.search(query.q, { sector: query.sector, scenario: query.scenario });
      if (pass) durations.push(performance.now() - begin);
    }
  }
  return { loadMs, durations };
}

// The two functions below run inside the page: they may only use what the page has.
async function inPageQualitySet({ base, quality, k }) {
  const engine = await globalThis.BenchAdapter.open(base);
  const found = [];
  for (const query of quality) {
    const result = await engine.search(query.q, { sector: query.sector, scenario: query.scenario });
    found.push([query.q + JSON.stringify([query.sector, query.scenario]), await engine.slugs(result, k)]);
  }
  return found;
}

async function inPageWorkload({ base, workload }) {
  const start = performance.now();
  const engine = await globalThis.BenchAdapter.open(base);
  const loadMs = performance.now() - start;
  const durations = [];
  for (const pass of [false, true]) {
    for (const query of workload) {
      const begin = performance.now();
      await engine.search(query.q, { sector: query.sector, scenario: query.scenario });
      if (pass) durations.push(performance.now() - begin);
    }
  }
  return { loadMs, durations };
}

function summarise({ loadMs, durations }) {
  return { loadMs, p50: percentile(durations, 50), p95: percentile(durations, 95) };
}

function writeFiles(dir, files) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/**
 * Lets `fetch` read file:// URLs, so the engines' browser code runs unchanged in Node.
 * Returns a function that puts the real fetch back.
 */
function serveFileUrls() {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'file:') return realFetch(input, init);
    try {
      return new Response(readFileSync(fileURLToPath(url)));
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  return () => {
    globalThis.fetch = realFetch;
  };
}

function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}
