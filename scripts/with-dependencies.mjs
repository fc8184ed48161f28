// Runs a script (`npm run baken`, `npm run worker`) after installing what is missing, so these
// commands also work on a fresh clone before `npm start` has run once.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDependencies, main, root } from './lib/tasks.mjs';

main(async () => {
  const [script] = process.argv.splice(2, 1);
  if (!script) throw new Error('geef het script dat moet draaien');
  await ensureDependencies();
  await import(pathToFileURL(resolve(root, script)).href);
});
