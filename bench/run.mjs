// `npm run bench`: build the site, then run each measure and print its table.
// A new measure is one more module in MEASURES that exports `title`, `measure()` (returns a
// result object) and `report(result)` (returns the printable table).
import { build, ensureDependencies, main } from '../scripts/lib/tasks.mjs';
import * as buildTime from './build-time.mjs';
import * as pageWeight from './page-weight.mjs';
import * as search from './search.mjs';

const MEASURES = [pageWeight, search, buildTime];

main(async () => {
  await ensureDependencies();
  await build();
  for (const measure of MEASURES) {
    console.log(`\n== ${measure.title} ==\n`);
    console.log(measure.report(await measure.measure()));
  }
});
