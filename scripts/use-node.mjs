#!/usr/bin/env node
// Runs a script under the exact Node release pinned in .node-version.
//
// This file must stay runnable on old Node releases (18 and up) with no dependencies: it is
// what `npm start` / `npm test` call on a fresh machine that ships another Node. When the
// running Node is not the pinned release, it installs that release from the npm registry
// (checked against the registry's sha512, see lib/node-runtime.mjs) into a cache folder and
// re-runs the script with that binary first on PATH, so that npm, Astro, vitest and every
// child process use it too.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode, isPinnedVersion } from './lib/node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = readFileSync(join(root, '.node-version'), 'utf8').trim();
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('Gebruik: node scripts/use-node.mjs <script> [argumenten]');
  process.exit(2);
}

let nodeBin = process.execPath;
if (!isPinnedVersion(process.version, pinned)) {
  try {
    nodeBin = await ensureNode(pinned);
  } catch (error) {
    console.error(`Baken: Node ${pinned} installeren lukte niet: ${error.message}`);
    process.exit(1);
  }
}
const env = {
  ...process.env,
  PATH: `${dirname(nodeBin)}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}`,
};
const child = spawn(nodeBin, [resolve(root, script), ...args], { stdio: 'inherit', env, cwd: root });
// Forward stop signals so that stopping `npm start` also stops the server it runs.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
