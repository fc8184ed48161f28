import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { BakenError } from '../errors/baken-error.ts';
import type { NodeRuntime } from './node-runtimes.ts';
import { readTarball } from './read-tarball.ts';

/** A runtime could not be downloaded, or what came did not match the pinned integrity. */
export class RuntimeDownloadError extends BakenError {
  constructor(
    code: 'runtime-download-failed' | 'runtime-integrity-mismatch' | 'runtime-binary-missing',
    message: string,
  ) {
    super(code, message);
  }
}

/** The files of one runtime for the bundle. */
export interface RuntimeFiles {
  binary: Buffer;
  /** Node's LICENSE, when the package ships it. */
  license: Buffer | undefined;
}

/** `BAKEN_RUNTIME_CACHE`, else `$XDG_CACHE_HOME/baken/runtimes`, else `~/.cache/baken/runtimes`. */
export function runtimeCacheDir(env: Record<string, string | undefined>): string {
  if (env.BAKEN_RUNTIME_CACHE) return resolve(env.BAKEN_RUNTIME_CACHE);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'baken', 'runtimes');
}

/** True when `data` has the Subresource-Integrity style hash `integrity` (`sha512-<base64>`). */
export function matchesIntegrity(data: Buffer, integrity: string): boolean {
  const [algorithm, expected] = integrity.split('-', 2) as [string, string | undefined];
  if (!expected || !['sha256', 'sha384', 'sha512'].includes(algorithm)) return false;
  return createHash(algorithm).update(data).digest('base64') === expected;
}

/**
 * The verified tarball of `runtime`: from the cache when it is there and still matches,
 * else downloaded with `npm pack` (npm's own client, registry and proxy settings) and
 * checked against the pinned integrity before it is kept.
 */
export function fetchRuntimeTarball(runtime: NodeRuntime, cacheDir: string): Buffer {
  const spec = `${runtime.packageName}@${runtime.version}`;
  const cached = join(cacheDir, `${runtime.packageName}-${runtime.version}.tgz`);
  if (existsSync(cached)) {
    const data = readFileSync(cached);
    if (matchesIntegrity(data, runtime.integrity)) return data;
    rmSync(cached, { force: true });
  }
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, '.download-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['pack', spec, '--pack-destination', work, '--silent'], {
      encoding: 'utf8',
      timeout: 600_000,
      shell: process.platform === 'win32',
    });
    const file = join(work, `${runtime.packageName}-${runtime.version}.tgz`);
    if (result.status !== 0 || !existsSync(file)) {
      throw new RuntimeDownloadError(
        'runtime-download-failed',
        `Node.js voor ${runtime.folder} (${spec}) kon niet worden gedownload. Controleer de verbinding met de npm-registry, of maak een klein pakket zonder Node.js met: npm run bundle -- --without-node\n${result.stderr ?? ''}`.trim(),
      );
    }
    const data = readFileSync(file);
    if (!matchesIntegrity(data, runtime.integrity)) {
      throw new RuntimeDownloadError(
        'runtime-integrity-mismatch',
        `De download van ${spec} klopt niet met de vastgelegde controlewaarde. Het bestand is niet gebruikt.`,
      );
    }
    // Rename is atomic: a parallel bundle never reads a half-written file.
    renameSync(file, cached);
    return data;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The binary (and licence) of `runtime`, from its verified tarball. */
export function loadRuntime(runtime: NodeRuntime, cacheDir: string): RuntimeFiles {
  const files = readTarball(fetchRuntimeTarball(runtime, cacheDir));
  const binary = files.get(`package/${runtime.binary}`);
  if (!binary)
    throw new RuntimeDownloadError(
      'runtime-binary-missing',
      `In ${runtime.packageName}@${runtime.version} staat geen ${runtime.binary}.`,
    );
  return { binary, license: files.get('package/LICENSE') };
}
