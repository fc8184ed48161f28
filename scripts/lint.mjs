// `npm run lint`: check formatting and lint rules with Biome, then the layers of src/.
import { checkLayers, ensureDependencies, lint, main } from './lib/tasks.mjs';

main(async () => {
  await ensureDependencies();
  await lint();
  await checkLayers();
});
