// `npm run build`: install what is missing, then build the site into dist/.
import { build, ensureDependencies, main } from './lib/tasks.mjs';

main(async () => {
  await ensureDependencies();
  await build();
});
