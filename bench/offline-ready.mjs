// Offline-ready: on loopback, how long a first visit takes until the page works offline (the
// service worker stored everything and controls the page), next to the page load itself.
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../tests/helpers/browser.ts';
import { startHub } from '../tests/helpers/hub-server.ts';
import { waitForOfflineReady } from '../tests/helpers/offline.ts';
import { table, times } from './lib/format.mjs';
import { median } from './lib/median.mjs';

export const title = 'Offline-ready: first visit until the whole hub works offline (loopback, Chromium)';

const RUNS = 5;

/** Runs RUNS first visits, each in a fresh browser context (empty cache and storage). */
export async function measure() {
  const [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  try {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${hub.url}/`, { waitUntil: 'load' });
      const loaded = performance.now();
      await waitForOfflineReady(page);
      runs.push({ loadMs: loaded - start, readyMs: performance.now() - start });
      await context.close();
    }
    return { runs, loadMs: median(runs.map((r) => r.loadMs)), readyMs: median(runs.map((r) => r.readyMs)) };
  } finally {
    await browser.close();
    await hub.stop();
  }
}

/** Renders the median times, offline-ready as a ratio to the page load. */
export function report(result) {
  const ms = (value) => `${value.toFixed(0)} ms`;
  return [
    table(
      ['first visit to /', 'median', 'min', 'max', 'vs page load'],
      [
        [
          'page loaded (load event)',
          ms(result.loadMs),
          ms(Math.min(...result.runs.map((r) => r.loadMs))),
          ms(Math.max(...result.runs.map((r) => r.loadMs))),
          times(1, 'load'),
        ],
        [
          'offline-ready (worker active, in control)',
          ms(result.readyMs),
          ms(Math.min(...result.runs.map((r) => r.readyMs))),
          ms(Math.max(...result.runs.map((r) => r.readyMs))),
          times(result.readyMs / result.loadMs, 'load', 1),
        ],
      ],
    ),
    '',
    `${result.runs.length} runs, each in a fresh browser context.`,
  ].join('\n');
}
