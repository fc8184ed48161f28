import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNode } from '../../scripts/lib/node-runtime.mjs';
import { takeUpdatesSnapshot, type UpdatesSnapshot } from '../../src/bundle/updates-snapshot.ts';
import { formatDateTime } from '../../src/catalog/format-date-time.ts';
import { SECURITY_HEADERS } from '../../src/server/security-headers.ts';
import { type UnpackedBundle, unpackedBundle } from '../helpers/bundle.ts';
import { crawlLinks } from '../helpers/crawl-links.ts';
import { type RunningHub, startHub, startServerProcess } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';
import { publishUpdate } from '../helpers/publish-update.ts';
import { sitemapPaths } from '../helpers/sitemap.ts';

let bundle: UnpackedBundle;
let served: RunningHub;
let hub: RunningHub;
let update: { title: string; publishedAt: string };
let snapshot: UpdatesSnapshot;

beforeAll(async () => {
  // As npm run bundle does: the updates the hub has now go into the bundle.
  hub = await startHub();
  update = await publishUpdate(hub);
  snapshot = await takeUpdatesSnapshot(hub.url);
  bundle = await unpackedBundle({ extraSiteFiles: snapshot.files });
  served = await startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], { cwd: bundle.dir });
});
afterAll(async () => {
  await served?.stop();
  await hub?.stop();
  if (bundle) rmSync(bundle.work, { recursive: true, force: true });
});

/** Headers that describe the answer (not the connection or the moment). */
function comparable(response: Response): Record<string, string> {
  const skip = new Set(['date', 'connection', 'keep-alive', 'last-modified']);
  return Object.fromEntries([...response.headers].filter(([name]) => !skip.has(name)));
}

describe('npm run bundle (local-network zip)', () => {
  it('holds the site, serve.mjs and LEESMIJ.txt under one folder', () => {
    const list = spawnSync('unzip', ['-Z1', bundle.zipFile], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(list.every((name) => name.startsWith('baken/'))).toBe(true);
    for (const name of [
      'baken/serve.mjs',
      'baken/LEESMIJ.txt',
      'baken/start.sh',
      'baken/start-macos.command',
      'baken/start-windows.cmd',
      'baken/site/index.html',
      'baken/site/sw.js',
      'baken/site/manifest.webmanifest',
      'baken/site/noodkaarten/school/index.html',
      'baken/site/data/scripts.json',
    ]) {
      expect(list).toContain(name);
    }
    expect(list.filter((name) => name.startsWith('baken/site/') && !name.endsWith('/')).length).toBe(bundle.siteFiles);
    // The small bundle: no runtimes unless asked for.
    expect(list.filter((name) => name.startsWith('baken/runtime/'))).toEqual([]);
  });

  it('has a serve.mjs that needs nothing but Node itself', () => {
    const source = readFileSync(join(bundle.dir, 'serve.mjs'), 'utf8');
    const imports = [...source.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((specifier) => !specifier?.startsWith('node:'))).toEqual([]);
  });

  it('runs on Node 18.0.0, the oldest release LEESMIJ.txt promises, installed like the runtime', async () => {
    const oldest = await ensureNode('18.0.0', { log: () => {} });
    const old = await startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], { cwd: bundle.dir, command: oldest });
    try {
      const page = await fetch(`${old.url}/matrix/`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-encoding')).toBe('gzip');
      expect(await page.text()).toContain('</html>');
      const worker = await fetch(`${old.url}/sw.js`);
      expect(worker.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      expect((await fetch(`${old.url}/bestaat-niet/`)).status).toBe(404);
    } finally {
      await old.stop();
    }
  }, 300_000);

  it('explains in Dutch how to start, open and stop the small bundle, that it needs Node.js, and the version date', () => {
    const text = readFileSync(join(bundle.dir, 'LEESMIJ.txt'), 'utf8');
    for (const phrase of [
      'start-windows.cmd',
      'start-macos.command',
      'sh start.sh',
      'http://localhost:8080',
      'Ctrl en C',
      'Node.js, versie 18',
      'hetzelfde netwerk',
      'Deze versie van Baken is van',
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it('answers with the same headers as the hub server, so the service worker installs the same way', async () => {
    const html = await (await fetch(`${hub.url}/`)).text();
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    for (const path of [
      '/',
      '/matrix/',
      '/aanmelden/',
      '/sw.js',
      '/manifest.webmanifest',
      present(css, 'a stylesheet address'),
      '/icons/icon-192.png',
      '/data/scripts.json',
    ]) {
      for (const encoding of ['br, gzip', 'gzip', '']) {
        const init = { headers: { 'Accept-Encoding': encoding } };
        const [fromBundle, fromHub] = await Promise.all([
          fetch(`${served.url}${path}`, init),
          fetch(`${hub.url}${path}`, init),
        ]);
        expect(fromBundle.status, path).toBe(200);
        expect(comparable(fromBundle), `${path} (${encoding})`).toEqual(comparable(fromHub));
        expect(Buffer.from(await fromBundle.arrayBuffer()).equals(Buffer.from(await fromHub.arrayBuffer())), path).toBe(
          true,
        );
      }
    }
    const missing = await fetch(`${served.url}/bestaat/niet/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Deze pagina bestaat niet');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(missing.headers.get(name)).toBe(value);
  });

  it('refuses a port that is not a number, with the command to use', () => {
    const result = spawnSync(process.execPath, [join(bundle.dir, 'serve.mjs'), 'achtduizend'], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, HOST: '127.0.0.1' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"achtduizend" is geen poortnummer');
    expect(result.stderr).toContain('node serve.mjs 8080');
  });

  it('shows on /actueel/ the updates the hub had when the bundle was made, with their date and the moment of the snapshot', async () => {
    const response = await fetch(`${served.url}/actueel/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Actuele berichten</h1>');
    expect(html).toContain(update.title);
    expect(html).toContain(
      `<time datetime="${update.publishedAt}">${formatDateTime(new Date(update.publishedAt))}</time>`,
    );
    expect(html).toContain(
      `Dit zijn de berichten zoals Baken ze had op <time datetime="${snapshot.takenAt.toISOString()}">`,
    );
    const feed = (await (await fetch(`${served.url}/feeds/actueel.json`)).json()) as {
      items: Array<{ title: string }>;
    };
    expect(feed.items.map((item) => item.title)).toContain(update.title);
    expect((await fetch(`${served.url}/feeds/actueel.atom`)).headers.get('Content-Type')).toBe(
      'application/atom+xml; charset=utf-8',
    );
  });

  it('has no dead ends: a crawl of every internal link of every bundled page finds no 404', async () => {
    const seeds = ['/', ...(await sitemapPaths(served.url))];
    const { statuses, broken } = await crawlLinks(served.url, seeds);
    expect(statuses.size).toBeGreaterThan(seeds.length);
    for (const path of ['/actueel/', '/oefening/', '/feeds/actueel.atom', '/feeds/actueel.json', '/data/scripts.json'])
      expect(statuses.get(path), path).toBe(200);
    expect(broken).toEqual([]);
  });

  it('answers /api/health as a local copy, and a form for the central hub with a Dutch explanation instead of a 404', async () => {
    expect(await (await fetch(`${served.url}/api/health`)).json()).toEqual({ status: 'ok', local: true });
    const form = await fetch(`${served.url}/api/abonnement/aanmelden`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Jan', email: 'jan@example.org', channel: 'email' }),
    });
    expect(form.status).toBe(503);
    const page = await form.text();
    expect(page).toContain('<h1>Dit kan alleen met de centrale Baken</h1>');
    expect(page).toContain('Uw gegevens zijn niet verstuurd.');
    const api = await fetch(`${served.url}/api/abonnement/aanmelden`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: 'hub-only', message: expect.stringContaining('centrale Baken') });
    expect((await fetch(`${served.url}/api/broadcasts`)).status).toBe(404);
  });
});
