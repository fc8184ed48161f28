import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeCacheDir } from '../../src/bundle/fetch-runtime-fs.ts';
import type { NodeRuntime } from '../../src/bundle/node-runtimes.ts';
import { BUNDLE_ROOT, type BundleResult, writeBundle } from '../../src/bundle/write-bundle.ts';
import type { PublicKeyFile } from '../../src/schemas/signed-updates.ts';
import { projectRoot } from './hub-server.ts';

export interface UnpackedBundle extends BundleResult {
  /** Temp folder holding the zip and what was unpacked; remove it when done. */
  work: string;
  /** The zip file. */
  zipFile: string;
  /** The unpacked `baken/` folder, with serve.mjs, LEESMIJ.txt and site/. */
  dir: string;
}

export interface BundleOptions {
  /** Node.js runtimes to include; none by default (the small bundle), as they take time to zip. */
  runtimes?: readonly NodeRuntime[];
  /** Extra files for `site/` by path (the updates snapshot). */
  extraSiteFiles?: ReadonlyMap<string, Buffer>;
  /** A hub's public-key.json, so the bundle can follow that hub (BAKEN_UPSTREAM). */
  publicKey?: PublicKeyFile;
}

/**
 * Writes the bundle of the current build (dist/client) into a temp folder and unpacks it with
 * Info-ZIP's unzip, as a volunteer would with any zip tool. No node_modules is reachable there.
 * Runtimes come from the same cache as `npm run bundle` (downloaded once per machine).
 * With `publicKey` (a hub's public-key.json) the bundle can follow that hub.
 */
export async function unpackedBundle({
  runtimes = [],
  extraSiteFiles,
  publicKey,
}: BundleOptions = {}): Promise<UnpackedBundle> {
  const work = mkdtempSync(join(tmpdir(), 'baken-bundle-'));
  const zipFile = join(work, 'baken-lokaal-netwerk.zip');
  const clientDir = join(projectRoot, 'dist', 'client');
  const { generated } = JSON.parse(readFileSync(join(clientDir, 'data', 'scripts.json'), 'utf8')) as {
    generated: string;
  };
  const result = await writeBundle({
    clientDir,
    outFile: zipFile,
    builtAt: new Date(generated),
    runtimes,
    runtimeCache: runtimeCacheDir(process.env),
    extraSiteFiles,
    publicKey,
  });
  const unzip = spawnSync('unzip', ['-q', zipFile, '-d', join(work, 'unpacked')], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (unzip.status !== 0) throw new Error(`unzip failed: ${unzip.stderr}`);
  return { ...result, work, zipFile, dir: join(work, 'unpacked', BUNDLE_ROOT) };
}
