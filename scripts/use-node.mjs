#!/usr/bin/env node
// Runs a script under the Node version pinned in .node-version.
//
// This file must stay runnable on old Node releases (20 and up) with no dependencies:
// it is what `npm start` / `npm test` call on a fresh machine that ships an older Node.
// When the running Node is too old, it installs the pinned release from the npm registry
// (the platform package `node-<os>-<arch>`, which ships the official binary) into a
// cache folder and re-runs the script with that binary first on PATH, so that npm,
// Astro, vitest and every child process use it too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = readFileSync(join(root, '.node-version'), 'utf8').trim();
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('Gebruik: node scripts/use-node.mjs <script> [argumenten]');
  process.exit(2);
}

function major(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

function cacheRoot() {
  if (process.env.BAKEN_NODE_CACHE) return resolve(process.env.BAKEN_NODE_CACHE);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'baken', 'node');
}

/** Returns the path of a `node` binary of the pinned version, installing it when missing. */
function ensurePinnedNode() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(cacheRoot(), `${pinned}-${process.platform}-${process.arch}`);
  const bin = join(dir, 'node_modules', pkg, 'bin', 'node');
  if (existsSync(bin)) return bin;

  console.error(`Baken: Node ${pinned} wordt eenmalig geïnstalleerd in ${dir} ...`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${pkg}@${pinned}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const tmpBin = join(tmp, 'node_modules', pkg, 'bin', 'node');
  if (result.status !== 0 || !existsSync(tmpBin)) {
    rmSync(tmp, { recursive: true, force: true });
    console.error(`Baken: kon Node ${pinned} (${pkg}) niet installeren. Controleer de verbinding met de npm-registry.`);
    process.exit(1);
  }
  rmSync(dir, { recursive: true, force: true });
  // Rename is atomic, so a parallel run never sees a half-installed binary.
  renameSync(tmp, dir);
  return bin;
}

const nodeBin = major(process.version) >= major(pinned) ? process.execPath : ensurePinnedNode();
const env = { ...process.env, PATH: `${dirname(nodeBin)}:${process.env.PATH ?? ''}` };
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
