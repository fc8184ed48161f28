// `npm run check`: type-check the TypeScript sources.
import { ensureDependencies, main, typeCheck } from './lib/tasks.mjs';

main(async () => {
  await ensureDependencies();
  await typeCheck();
});
