// `npm run bench`: build the site, then run each measure and print its table.
// A new measure is one more module in MEASURES that exports `title`, `measure()` (returns a
// result object) and `report(result)` (returns the printable table).
import { ensureSystemPackages } from '../scripts/lib/system-packages.mjs';
import { build, ensureDependencies, main } from '../scripts/lib/tasks.mjs';
import * as buildTime from './build-time.mjs';
import * as offlineReady from './offline-ready.mjs';
import * as pageWeight from './page-weight.mjs';
import * as precache from './precache.mjs';
import * as staticServer from './static-server.mjs';

const MEASURES = [pageWeight, precache, offlineReady, staticServer, buildTime];

/** Debian packages the measures drive: the browser and, for the baseline, nginx and wrk. */
const BENCH_PACKAGES = { chromium: '/usr/bin/chromium', ...staticServer.PACKAGES };

main(async () => {
  await ensureDependencies();
  await ensureSystemPackages(BENCH_PACKAGES);
  await build();
  for (const measure of MEASURES) {
    console.log(`\n== ${measure.title} ==\n`);
    console.log(measure.report(await measure.measure()));
  }
});
