import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { getManifest, injectManifest, type ManifestTransform } from 'workbox-build';
import { precacheIgnoreGlobs } from './cache-policy.ts';
import { PrecacheError, type PrecacheFile } from './precache-error.ts';
import { DEFAULT_PRECACHE_LIMITS, formatMegabytes, type PrecacheLimits } from './precache-limits.ts';

/** Every page, asset, noodkaart, JSON export and search index the build writes. */
const PRECACHE_GLOBS = ['**/*.{html,css,js,json,svg,png,webmanifest,xml}'];

/** Name of the worker in the site folder; it is served from `/sw.js`. */
const WORKER_FILE = 'sw.js';

const WORKER_ENTRY = fileURLToPath(new URL('./sw.ts', import.meta.url));
const INJECTION_POINT = 'self.__WB_MANIFEST';
const LARGEST_SHOWN = 5;

export interface BuildServiceWorkerOptions {
  /** Folder holding the built site (`dist/client`); the worker is written into it. */
  clientDir: string;
  /** Most bytes the precache may hold, in all and per file. */
  limits?: PrecacheLimits;
}

export interface ServiceWorkerBuildResult {
  /** Files in the precache. */
  count: number;
  /** Their total size in bytes. */
  size: number;
  /** Workbox warnings; always empty, since any warning stops the build. */
  warnings: string[];
}

/**
 * Bundles src/service-worker/sw.ts and injects the precache manifest of `clientDir` into it as
 * `sw.js`. Throws a `PrecacheError` before writing anything when workbox warns or when the
 * precache is over budget; the over-budget message names the largest files.
 */
export async function buildServiceWorker({
  clientDir,
  limits = DEFAULT_PRECACHE_LIMITS,
}: BuildServiceWorkerOptions): Promise<ServiceWorkerBuildResult> {
  const { budgetBytes, maxFileBytes } = limits;
  const options = precacheOptions(clientDir, maxFileBytes);
  const { count, size, warnings, manifestEntries } = await getManifest(options);
  if (warnings.length > 0) {
    throw new PrecacheError(
      'precache-warning',
      `De precache geeft ${warnings.length} waarschuwing(en); de build stopt:\n${warnings.map((w) => `  ${w}`).join('\n')}`,
    );
  }
  if (size > budgetBytes) {
    const largest = manifestEntries
      .map((entry): PrecacheFile => ({ url: entry.url, size: statSync(join(clientDir, entry.url)).size }))
      .sort((a, b) => b.size - a.size || a.url.localeCompare(b.url))
      .slice(0, LARGEST_SHOWN);
    throw new PrecacheError(
      'precache-budget-exceeded',
      `De precache is ${formatMegabytes(size)} (${count} bestanden); het budget is ${formatMegabytes(budgetBytes)}. ` +
        `Grootste bestanden:\n${largest.map((file) => `  ${file.url} (${formatMegabytes(file.size)})`).join('\n')}`,
      largest,
    );
  }

  const work = mkdtempSync(join(tmpdir(), 'baken-sw-'));
  try {
    const swSrc = join(work, WORKER_FILE);
    writeFileSync(swSrc, await bundleWorker());
    const result = await injectManifest({ ...options, swSrc, swDest: join(clientDir, WORKER_FILE) });
    return { count: result.count, size: result.size, warnings: result.warnings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What goes in the precache and how; the same for checking and for writing the worker. */
function precacheOptions(clientDir: string, maxFileBytes: number) {
  return {
    globDirectory: clientDir,
    globPatterns: PRECACHE_GLOBS,
    globIgnores: [WORKER_FILE, ...precacheIgnoreGlobs()],
    maximumFileSizeToCacheInBytes: maxFileBytes,
    // Astro puts a content hash in every file name under _astro/: no revision needed.
    dontCacheBustURLsMatching: /^_astro\//,
    manifestTransforms: [withIntegrity(clientDir)],
  };
}

/**
 * Adds a subresource-integrity hash to every entry. The browser then refuses a file whose
 * bytes differ from this build (a deploy during install), so a precache never mixes versions.
 */
function withIntegrity(clientDir: string): ManifestTransform {
  return (entries) => ({
    manifest: entries.map((entry) => ({
      ...entry,
      integrity: `sha384-${createHash('sha384')
        .update(readFileSync(join(clientDir, entry.url)))
        .digest('base64')}`,
    })),
    warnings: [],
  });
}

/** Bundles the worker source into one classic script that still holds the injection point. */
async function bundleWorker(): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    // Workbox drops its development logging when NODE_ENV is production.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = outputFiles[0]?.text ?? '';
  if (code.split(INJECTION_POINT).length !== 2) {
    throw new PrecacheError(
      'service-worker-bundle-invalid',
      `${WORKER_ENTRY} moet ${INJECTION_POINT} precies één keer bevatten.`,
    );
  }
  return code;
}
