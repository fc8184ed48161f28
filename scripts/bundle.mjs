// `npm run bundle`: build the site, then write dist/baken-lokaal-netwerk.zip with the site, a
// dependency-free serve.mjs and a Dutch LEESMIJ.txt, for serving the hub on a local network.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, ensureDependencies, main, root } from './lib/tasks.mjs';

main(async () => {
  await ensureDependencies();
  const builtAt = new Date(process.env.BAKEN_BUILD_TIME ?? Date.now());
  await build({ BAKEN_BUILD_TIME: builtAt.toISOString() });
  // Imported after ensureDependencies: it needs esbuild and yazl from node_modules.
  const { writeBundle } = await import('../src/bundle/write-bundle.ts');
  // The bundle trusts the key of the hub whose data folder this is (made here if it is new).
  const { ensureSigningKey } = await import('../src/relay/signing-key-fs.ts');
  const { publicKeyPath } = ensureSigningKey(resolve(root, process.env.BAKEN_DATA_DIR || 'data'));
  const publicKey = JSON.parse(readFileSync(publicKeyPath, 'utf8'));
  const outFile = join(root, 'dist', 'baken-lokaal-netwerk.zip');
  const { siteFiles, bytes } = await writeBundle({ clientDir: join(root, 'dist', 'client'), outFile, builtAt, publicKey });
  console.log(`Baken: ${outFile} geschreven (${siteFiles} bestanden van de site, ${(bytes / (1024 * 1024)).toFixed(1)} MB). Uitleg staat in LEESMIJ.txt in het zip-bestand.`);
});
