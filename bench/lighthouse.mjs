// Lighthouse (mobile, the default form factor with simulated throttling) on the home page, a
// script and a noodkaart, against the budget: performance ≥ 95, accessibility 100.
// Lighthouse is ~175 MB of packages, so it is not a dependency of Baken: install it beside the
// project once with `npm install --no-save lighthouse@13`, or point BAKEN_LIGHTHOUSE_BIN at a
// `lighthouse` binary. Without it this measure says so and is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../scripts/lib/tasks.mjs';
import { CHROMIUM_PATH } from '../tests/helpers/browser.ts';
import { startHub } from '../tests/helpers/hub-server.ts';
import { table } from './lib/format.mjs';

export const title = 'Lighthouse (mobile): home, a script and a noodkaart';

/** Lowest scores allowed, 0–100. */
export const BUDGET = { performance: 95, accessibility: 100 };
const PAGES = ['/', '/lijnen/zorg-stroomuitval/', '/noodkaarten/school/'];

function lighthouseBin() {
  const candidates = [process.env.BAKEN_LIGHTHOUSE_BIN, join(root, 'node_modules', '.bin', 'lighthouse')];
  return candidates.find((path) => path && existsSync(path));
}

/** Runs Lighthouse once per page; sets process.exitCode = 1 when a score is under budget. */
export async function measure() {
  const bin = lighthouseBin();
  if (!bin) return { skipped: 'lighthouse is not installed (npm install --no-save lighthouse@13)' };
  const hub = await startHub();
  try {
    const pages = PAGES.map((path) => {
      const run = spawnSync(
        bin,
        [
          `${hub.url}${path}`,
          '--quiet',
          '--output=json',
          '--output-path=stdout',
          '--only-categories=performance,accessibility',
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
        ],
        {
          env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          timeout: 180_000,
        },
      );
      if (run.status !== 0) throw new Error(`lighthouse failed on ${path}: ${run.stderr}`);
      const report = JSON.parse(run.stdout);
      const audit = (id) => report.audits[id]?.numericValue ?? NaN;
      return {
        path,
        performance: Math.round(report.categories.performance.score * 100),
        accessibility: Math.round(report.categories.accessibility.score * 100),
        fcpMs: audit('first-contentful-paint'),
        lcpMs: audit('largest-contentful-paint'),
        cls: audit('cumulative-layout-shift'),
        tbtMs: audit('total-blocking-time'),
      };
    });
    const under = pages.filter((p) => p.performance < BUDGET.performance || p.accessibility < BUDGET.accessibility);
    if (under.length > 0) process.exitCode = 1;
    return { pages, under: under.map((p) => p.path) };
  } finally {
    await hub.stop();
  }
}

/** Renders the scores and the main metrics per page. */
export function report(result) {
  if (result.skipped) return `Skipped: ${result.skipped}.`;
  const ms = (value) => `${value.toFixed(0)} ms`;
  return [
    table(
      ['page', 'performance', 'accessibility', 'FCP', 'LCP', 'TBT', 'CLS'],
      result.pages.map((p) => [
        p.path,
        p.performance,
        p.accessibility,
        ms(p.fcpMs),
        ms(p.lcpMs),
        ms(p.tbtMs),
        p.cls.toFixed(3),
      ]),
    ),
    '',
    `Budget: performance ≥ ${BUDGET.performance}, accessibility ${BUDGET.accessibility}. Pages under budget: ${result.under.length}.`,
    ...result.under.map((path) => `  under budget: ${path}`),
  ].join('\n');
}
