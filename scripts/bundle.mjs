// `npm run bundle`: build the site, then write dist/baken-lokaal-netwerk.zip with the site, a
// dependency-free serve.mjs, start files, Node.js for Windows, macOS and Linux, and a Dutch
// LEESMIJ.txt, with the current updates (/actueel/) as the hub has them, for serving the hub on a local network. `npm run bundle -- --without-node`
// leaves Node.js out (a small zip for laptops that have Node.js installed).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, ensureDependencies, main, root } from './lib/tasks.mjs';

const FLAGS = ['--without-node'];

main(async () => {
  const unknown = process.argv.slice(2).filter((arg) => !FLAGS.includes(arg));
  if (unknown.length > 0)
    throw new Error(`onbekende optie ${unknown.join(' ')}. Gebruik: npm run bundle [-- --without-node]`);
  const withNode = !process.argv.includes('--without-node');
  await ensureDependencies();
  const builtAt = new Date(process.env.BAKEN_BUILD_TIME ?? Date.now());
  await build({ BAKEN_BUILD_TIME: builtAt.toISOString() });
  // Imported after ensureDependencies: they need esbuild and yazl from node_modules.
  const { writeBundle } = await import('../src/bundle/write-bundle.ts');
  const { NODE_RUNTIMES } = await import('../src/bundle/node-runtimes.ts');
  const { runtimeCacheDir } = await import('../src/bundle/fetch-runtime-fs.ts');
  const { snapshotFromLocalHub } = await import('../src/bundle/local-hub-snapshot-fs.ts');
  // The updates as the hub has them now, so "Actueel" in the bundle is never a dead end.
  const snapshot = await snapshotFromLocalHub(root, process.env);
  // The bundle trusts the key of the hub whose data folder this is (made here if it is new).
  const { ensureSigningKey } = await import('../src/relay/signing-key-fs.ts');
  const { publicKeyPath } = ensureSigningKey(resolve(root, process.env.BAKEN_DATA_DIR || 'data'));
  const publicKey = JSON.parse(readFileSync(publicKeyPath, 'utf8'));
  const outFile = join(root, 'dist', 'baken-lokaal-netwerk.zip');
  const { siteFiles, bytes, runtimes } = await writeBundle({
    clientDir: join(root, 'dist', 'client'),
    outFile,
    builtAt,
    runtimes: withNode ? NODE_RUNTIMES : [],
    runtimeCache: runtimeCacheDir(process.env),
    extraSiteFiles: snapshot.files,
    publicKey,
  });
  const node = runtimes.length > 0 ? `Node.js voor ${runtimes.join(', ')}` : 'zonder Node.js';
  console.log(
    `Baken: ${outFile} geschreven (${siteFiles} bestanden van de site, ${node}, ${(bytes / (1024 * 1024)).toFixed(1)} MB). Uitleg staat in LEESMIJ.txt in het zip-bestand.`,
  );
});
