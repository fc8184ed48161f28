import { createWriteStream, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ZipFile } from 'yazl';
import type { PublicKeyFile } from '../schemas/signed-updates.ts';
import { BUNDLE_PUBLIC_KEY_FILE } from './bundle-relay.ts';
import { loadRuntime } from './fetch-runtime-fs.ts';
import { leesmijText } from './leesmij.ts';
import { type NodeRuntime, runtimeBinaryPath } from './node-runtimes.ts';
import { startFiles } from './start-files.ts';

const SERVE_ENTRY = fileURLToPath(new URL('./serve.ts', import.meta.url));
/** Folder every entry of the archive sits in, so unpacking never spills files. */
export const BUNDLE_ROOT = 'baken';
/** Oldest Node the bundled server runs on; LEESMIJ.txt names the same version. */
const SERVE_TARGET = 'node18';
// Already compressed: storing them again saves time and no space.
const STORED = /\.(br|gz|png|jpe?g|webp|woff2|zip)$/i;

export interface WriteBundleOptions {
  /** The built site (`dist/client`). */
  clientDir: string;
  /** The zip file to write. */
  outFile: string;
  /** When the site was built, for LEESMIJ.txt. */
  builtAt: Date;
  /** Node.js runtimes to put in `runtime/` (none: the small bundle that needs Node installed). */
  runtimes: readonly NodeRuntime[];
  /** Where downloaded runtimes are kept between bundles (see `runtimeCacheDir`). */
  runtimeCache: string;
  /** Extra files for `site/` by path, e.g. the updates snapshot; they win over the build. */
  extraSiteFiles?: ReadonlyMap<string, Buffer> | undefined;
  /** The central hub's public key, so the bundle can follow it with BAKEN_UPSTREAM. */
  publicKey?: PublicKeyFile | undefined;
}

export interface BundleResult {
  /** Files from the site in the archive. */
  siteFiles: number;
  /** Size of the archive in bytes. */
  bytes: number;
  /** Runtime folders in the archive, e.g. `linux-x64`. */
  runtimes: string[];
}

/**
 * Writes the local-network bundle: one zip holding `baken/site/` (the built site),
 * `baken/serve.mjs` (the hub's static server and headers in one file with no dependencies),
 * a start file per system, `baken/runtime/<system>/` (Node.js, verified) and `baken/LEESMIJ.txt`;
 * with `publicKey`, also `baken/hub-public-key.json`, the key a relay (BAKEN_UPSTREAM) checks
 * the central hub's signed updates with.
 */
export async function writeBundle({
  clientDir,
  outFile,
  builtAt,
  runtimes,
  runtimeCache,
  extraSiteFiles = new Map(),
  publicKey,
}: WriteBundleOptions): Promise<BundleResult> {
  // Downloads first: a failed download must not leave half a zip behind.
  const loaded = runtimes.map((runtime) => ({ runtime, files: loadRuntime(runtime, runtimeCache) }));
  const zip = new ZipFile();
  const mtime = builtAt;
  zip.addBuffer(Buffer.from(await bundleServer()), `${BUNDLE_ROOT}/serve.mjs`, { mtime });
  zip.addBuffer(Buffer.from(leesmijText(builtAt, runtimes.length > 0)), `${BUNDLE_ROOT}/LEESMIJ.txt`, { mtime });
  if (publicKey)
    zip.addBuffer(Buffer.from(`${JSON.stringify(publicKey, null, 2)}\n`), `${BUNDLE_ROOT}/${BUNDLE_PUBLIC_KEY_FILE}`, {
      mtime,
    });
  for (const start of startFiles())
    zip.addBuffer(Buffer.from(start.text), `${BUNDLE_ROOT}/${start.name}`, { mtime, mode: start.mode });
  for (const { runtime, files } of loaded) {
    zip.addBuffer(files.binary, `${BUNDLE_ROOT}/${runtimeBinaryPath(runtime)}`, { mtime, mode: 0o100755 });
    if (files.license) zip.addBuffer(files.license, `${BUNDLE_ROOT}/runtime/${runtime.folder}/LICENSE`, { mtime });
  }
  const files = readdirSync(clientDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({
      path: join(entry.parentPath, entry.name),
      name: relative(clientDir, join(entry.parentPath, entry.name)).split(sep).join('/'),
    }))
    .filter(({ name }) => !extraSiteFiles.has(name));
  for (const { path, name } of files)
    zip.addFile(path, `${BUNDLE_ROOT}/site/${name}`, { mtime, compress: !STORED.test(name) });
  for (const [name, data] of extraSiteFiles) zip.addBuffer(data, `${BUNDLE_ROOT}/site/${name}`, { mtime });
  zip.end();
  await mkdir(dirname(outFile), { recursive: true });
  const out = createWriteStream(outFile);
  await pipeline(zip.outputStream, out);
  return {
    siteFiles: files.length + extraSiteFiles.size,
    bytes: out.bytesWritten,
    runtimes: runtimes.map((runtime) => runtime.folder),
  };
}

/** Bundles src/bundle/serve.ts and what it imports into one ES module for Node. */
async function bundleServer(): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [SERVE_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: SERVE_TARGET,
    write: false,
    legalComments: 'none',
    banner: { js: '// Baken: serves ./site on the local network. Start with: node serve.mjs 8080 (see LEESMIJ.txt).' },
  });
  return outputFiles[0]?.text ?? '';
}
