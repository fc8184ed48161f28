// Installs an exact Node.js release from the npm registry (the platform package `node-<os>-<arch>`,
// which ships the official binary) and checks the download against the registry's dist.integrity.
// Plain JavaScript with no dependencies that runs on Node 18 and up: use-node.mjs calls it on a
// fresh machine before anything is installed, and the bundle test uses it to get the oldest Node
// that serve.mjs promises to run on.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** True when the running Node (`process.version`, e.g. `v24.21.0`) is exactly the pinned release. */
export function isPinnedVersion(running, pinned) {
  return running.trim().replace(/^v/, '') === pinned.trim().replace(/^v/, '');
}

/**
 * True when `bytes` match a Subresource Integrity string such as npm's `dist.integrity`
 * (`sha512-<base64>`, possibly several separated by spaces). Only sha512 counts: sha1 is broken.
 */
export function matchesIntegrity(bytes, integrity) {
  const expected = String(integrity ?? '')
    .split(/\s+/)
    .filter((entry) => entry.startsWith('sha512-'))
    .map((entry) => entry.slice('sha512-'.length));
  if (expected.length === 0) return false;
  return expected.includes(createHash('sha512').update(bytes).digest('base64'));
}

/** Folder with one subfolder per installed release; `BAKEN_NODE_CACHE` overrides it. */
export function nodeCacheRoot(env = process.env) {
  if (env.BAKEN_NODE_CACHE) return resolve(env.BAKEN_NODE_CACHE);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'baken', 'node');
}

/**
 * Returns the path of the `node` binary of `version`, installing it once when missing: the
 * tarball's URL and integrity come from `npm view` (so npm's registry and proxy settings
 * apply), the tarball is checked against the sha512 before it is unpacked, and the folder is
 * renamed into place only when complete.
 */
export async function ensureNode(version, { log = (line) => console.error(line) } = {}) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(nodeCacheRoot(), `${version}-${process.platform}-${process.arch}`);
  const bin = join(dir, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(bin)) return bin;

  log(`Baken: Node ${version} wordt eenmalig geïnstalleerd in ${dir} ...`);
  const windows = process.platform === 'win32';
  const view = spawnSync(
    windows ? 'npm.cmd' : 'npm',
    ['view', `${pkg}@${version}`, 'dist.tarball', 'dist.integrity', '--json'],
    {
      encoding: 'utf8',
      shell: windows,
    },
  );
  if (view.status !== 0) {
    throw new Error(`kon ${pkg}@${version} niet vinden in de npm-registry. Controleer de verbinding.`);
  }
  const dist = JSON.parse(view.stdout);
  const response = await fetch(dist['dist.tarball']);
  if (!response.ok) throw new Error(`kon ${dist['dist.tarball']} niet downloaden (HTTP ${response.status}).`);
  const tarball = Buffer.from(await response.arrayBuffer());
  if (!matchesIntegrity(tarball, dist['dist.integrity'])) {
    throw new Error(
      `de download van ${pkg}@${version} klopt niet met de controlesom van de npm-registry; niets geïnstalleerd.`,
    );
  }

  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const target = join(tmp, 'node_modules', pkg);
  mkdirSync(target, { recursive: true });
  const file = join(tmp, 'package.tgz');
  writeFileSync(file, tarball);
  const untar = spawnSync('tar', ['-xzf', file, '-C', target, '--strip-components=1'], { stdio: 'inherit' });
  rmSync(file, { force: true });
  if (untar.status !== 0 || !existsSync(join(target, 'bin', windows ? 'node.exe' : 'node'))) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`kon ${pkg}@${version} niet uitpakken.`);
  }
  if (existsSync(bin)) {
    // A parallel run finished first: use its copy.
    rmSync(tmp, { recursive: true, force: true });
    return bin;
  }
  rmSync(dir, { recursive: true, force: true });
  // Rename is atomic, so a parallel run never sees a half-installed binary.
  renameSync(tmp, dir);
  return bin;
}
