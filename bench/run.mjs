// `npm run bench`: build the site, then run each measure and print its table.
// A new measure is one more module in MEASURES that exports `title`, `measure()` (returns a
// result object) and `report(result)` (returns the printable table).
import { ensureSystemPackages } from '../scripts/lib/system-packages.mjs';
import { build, ensureDependencies, main } from '../scripts/lib/tasks.mjs';

// Imported only after ensureDependencies: some measures use npm packages.
const MEASURES = ['./page-weight.mjs', './build-time.mjs', './email-transport.mjs', './correction-time.mjs', './sms-kannel.mjs'];

main(async () => {
  await ensureDependencies();
  // The SMS measure drives a real Kannel.
  await ensureSystemPackages();
  await build();
  for (const module of MEASURES) {
    const measure = await import(module);
    console.log(`\n== ${measure.title} ==\n`);
    console.log(measure.report(await measure.measure()));
  }
});
