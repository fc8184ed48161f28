// `npm run bench`: build the site, then run each measure and print its table.
// A new measure is one more module in MEASURES that exports `title`, `measure()` (returns a
// result object) and `report(result)` (returns the printable table), and optionally
// `PACKAGES`: Debian packages it drives (name → a file that shows it is installed).
import { ensureSystemPackages, TEST_PACKAGES } from '../scripts/lib/system-packages.mjs';
import { build, ensureDependencies, main } from '../scripts/lib/tasks.mjs';

// Imported only after ensureDependencies: measures use npm packages.
const MEASURES = [
  './page-weight.mjs',
  './search.mjs',
  './precache.mjs',
  './offline-ready.mjs',
  './static-server.mjs',
  './build-time.mjs',
  './email-transport.mjs',
  './outbox-postgres.mjs',
  './correction-time.mjs',
  './sms-kannel.mjs',
  './replies-kannel.mjs',
  './delivery-faults.mjs',
  './lighthouse.mjs',
];

main(async () => {
  await ensureDependencies();
  const measures = await Promise.all(MEASURES.map((path) => import(path)));
  // The browser and Kannel of the tests, plus what single measures name (nginx and wrk).
  await ensureSystemPackages(Object.assign({}, TEST_PACKAGES, ...measures.map((m) => m.PACKAGES ?? {})));
  await build();
  for (const measure of measures) {
    console.log(`\n== ${measure.title} ==\n`);
    console.log(measure.report(await measure.measure()));
  }
});
