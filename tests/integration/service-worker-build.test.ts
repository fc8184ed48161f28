import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServiceWorker } from '../../src/service-worker/build-service-worker.ts';
import { PrecacheError } from '../../src/service-worker/precache-error.ts';
import { DEFAULT_PRECACHE_LIMITS } from '../../src/service-worker/precache-limits.ts';
import { buildSite } from '../helpers/build-site.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';
import { readPrecacheManifest } from '../helpers/precache-manifest.ts';
import { prebuiltSitemapPaths } from '../helpers/sitemap.ts';

const clientDir = join(projectRoot, 'dist', 'client');
const work = mkdtempSync(join(tmpdir(), 'baken-sw-build-'));
let hub: RunningHub;

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Writes a small fake site: path → content (a size in bytes makes random bytes). */
function fakeSite(name: string, files: Record<string, string | number>): string {
  const dir = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'number' ? randomBytes(content) : content);
  }
  return dir;
}

async function precacheError(promise: Promise<unknown>): Promise<PrecacheError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrecacheError);
  return error as PrecacheError;
}

describe('the service worker of the real build', () => {
  it('precaches every page, asset, noodkaart, JSON export, icon and the manifest, and no compressed copies', async () => {
    const urls = readPrecacheManifest(clientDir).map((entry) => entry.url);
    const onDisk = readdirSync(clientDir, { recursive: true, withFileTypes: true })
      .filter(
        (entry) =>
          entry.isFile() && /\.(html|css|js|json|svg|png|webmanifest|xml)$/.test(entry.name) && entry.name !== 'sw.js',
      )
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(clientDir.length + 1)
          .split(sep)
          .join('/'),
      );
    expect(urls.sort()).toEqual(onDisk.sort());
    for (const path of await prebuiltSitemapPaths(hub.url)) expect(urls, path).toContain(`${path.slice(1)}index.html`);
    for (const url of [
      'offline/index.html',
      'offline-gebruik/index.html',
      'data/scripts.json',
      'manifest.webmanifest',
      'icons/icon-512.png',
      'icons/icon-maskable-512.png',
      'sitemap-index.xml',
      'noodkaarten/school/index.html',
    ]) {
      expect(urls).toContain(url);
    }
    expect(urls.filter((url) => /\.(br|gz)$/.test(url) || url === 'sw.js')).toEqual([]);
  });

  it('pins every entry with the hash of what the server sends, so an install never mixes two versions', async () => {
    const entries = readPrecacheManifest(clientDir);
    for (const entry of entries) {
      // Node's fetch asks for br/gzip and decodes it: the precompressed variant must hold the same bytes.
      const body = Buffer.from(await (await fetch(`${hub.url}/${entry.url}`)).arrayBuffer());
      expect(entry.integrity, entry.url).toBe(`sha384-${createHash('sha384').update(body).digest('base64')}`);
      expect(entry.revision === null, entry.url).toBe(entry.url.startsWith('_astro/'));
    }
  });
});

describe('buildServiceWorker on a site folder', () => {
  it('returns count and size, and leaves live and private paths out while taking in future files such as a search index', async () => {
    const site = fakeSite('paths', {
      'index.html': '<h1>Baken</h1>',
      'zoeken/index.html': '<h1>Zoeken</h1>',
      'zoeken/search-index.json': '{"docs":[]}',
      'coordinator/index.html': '<h1>Coördinator</h1>',
      'api/health.json': '{}',
      'api/public/updates.json': '[]',
      'actueel/index.html': '<h1>Actueel</h1>',
      'oefening/index.html': '<h1>Oefening</h1>',
      'feeds/atom.xml': '<feed/>',
      'notes.txt': 'not a site file',
    });
    const result = await buildServiceWorker({ clientDir: site });
    expect(
      readPrecacheManifest(site)
        .map((entry) => entry.url)
        .sort(),
    ).toEqual(['index.html', 'zoeken/index.html', 'zoeken/search-index.json']);
    expect(result).toEqual({
      count: 3,
      size: '<h1>Baken</h1>'.length + '<h1>Zoeken</h1>'.length + '{"docs":[]}'.length,
      warnings: [],
    });
  });

  it('stops over budget with "precache-budget-exceeded", naming the largest files, before writing sw.js', async () => {
    const site = fakeSite('budget', {
      'index.html': '<h1>Baken</h1>',
      '_astro/a.js': 900_000,
      '_astro/b.js': 700_000,
      'data/c.json': 500_000,
      'd.svg': 10,
    });
    const error = await precacheError(
      buildServiceWorker({ clientDir: site, limits: { ...DEFAULT_PRECACHE_LIMITS, budgetBytes: 1024 * 1024 } }),
    );
    expect(error.code).toBe('precache-budget-exceeded');
    expect(error.largestFiles.map((file) => file.url).slice(0, 3)).toEqual([
      '_astro/a.js',
      '_astro/b.js',
      'data/c.json',
    ]);
    expect(error.largestFiles[0]?.size).toBe(900_000);
    expect(error.message).toContain('het budget is 1.0 MB');
    expect(error.message).toContain('_astro/a.js (0.9 MB)');
    expect(existsSync(join(site, 'sw.js'))).toBe(false);
  });

  it('stops with "precache-warning" when one file is over the per-file limit, naming it', async () => {
    const site = fakeSite('too-big', {
      'index.html': '<h1>Baken</h1>',
      'data/huge.json': DEFAULT_PRECACHE_LIMITS.maxFileBytes + 1,
    });
    const error = await precacheError(buildServiceWorker({ clientDir: site }));
    expect(error.code).toBe('precache-warning');
    expect(error.message).toContain('data/huge.json');
    expect(existsSync(join(site, 'sw.js'))).toBe(false);
    // Raised on purpose, the same file is taken in.
    const raised = await buildServiceWorker({
      clientDir: site,
      limits: { ...DEFAULT_PRECACHE_LIMITS, maxFileBytes: 3 * 1024 * 1024 },
    });
    expect(raised.count).toBe(2);
  });
});

describe('astro build with the service-worker integration', () => {
  it('fails when the precache is over BAKEN_PRECACHE_BUDGET_MB, naming the largest files', async () => {
    const { code, output } = await buildSite({
      contentDir: join(projectRoot, 'content'),
      workDir: join(work, 'astro'),
      env: { BAKEN_PRECACHE_BUDGET_MB: '0.1' },
    });
    expect(code, output).not.toBe(0);
    expect(output).toContain('het budget is 0.1 MB');
    expect(output).toContain('data/scripts.json');
    expect(existsSync(join(work, 'astro', 'dist', 'client', 'sw.js'))).toBe(false);
  });
});
