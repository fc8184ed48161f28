import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNginxConfig } from '../../src/nginx/render-nginx-config.ts';
import { SECURITY_HEADERS } from '../../src/server/security-headers.ts';
import { freePort } from '../helpers/free-port.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';
import { type RunningNginx, startNginx } from '../helpers/nginx.ts';
import { present } from '../helpers/present.ts';

let hub: RunningHub;
let nginx: RunningNginx;

beforeAll(async () => {
  hub = await startHub();
  const written = readFileSync(join(projectRoot, 'dist', 'nginx', 'baken.conf'), 'utf8');
  // Only where it listens and where the Node process is differ from what the build wrote.
  const port = await freePort();
  const config = written
    .replace(/^ {4}listen \d+;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^ {4}server [^;]+;$/m, `    server ${new URL(hub.url).host};`);
  // It serves the `live` link, which a rebuild after an agreed line swaps.
  expect(config).toContain(`root "${join(projectRoot, 'dist', 'live')}";`);
  expect(config).toContain(`listen 127.0.0.1:${port};`);
  expect(config).toContain(`server ${new URL(hub.url).host};`);
  nginx = await startNginx(config, port);
});

afterAll(async () => {
  await nginx?.stop();
  await hub?.stop();
});

const gzip = { 'Accept-Encoding': 'gzip' };

describe('the nginx configuration written by the build', () => {
  it('serves a prebuilt page gzipped, with the same security headers, type and caching as Baken', async () => {
    const fromNginx = await fetch(`${nginx.url}/matrix/`, { headers: gzip });
    const fromNode = await fetch(`${hub.url}/matrix/`, { headers: gzip });
    expect(fromNginx.status).toBe(200);
    expect(fromNginx.headers.get('content-encoding')).toBe('gzip');
    expect(fromNginx.headers.get('vary')).toBe('Accept-Encoding');
    for (const name of [...Object.keys(SECURITY_HEADERS), 'Content-Type', 'Cache-Control']) {
      expect(fromNginx.headers.get(name), name).toBe(fromNode.headers.get(name));
    }
    expect(fromNginx.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await fromNginx.text()).toBe(await fromNode.text());
  });

  it('sends the page uncompressed to a client that does not accept gzip, and revalidates by ETag', async () => {
    const plain = await fetch(`${nginx.url}/matrix/`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('<html lang="nl"');
    const etag = plain.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${nginx.url}/matrix/`, {
      headers: { 'Accept-Encoding': 'identity', 'If-None-Match': present(etag, 'an ETag') },
    });
    expect(again.status).toBe(304);
  });

  it('marks content-hashed assets immutable, as Baken does', async () => {
    const html = await (await fetch(`${nginx.url}/`)).text();
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    const fromNginx = await fetch(`${nginx.url}${css}`, { headers: gzip });
    const fromNode = await fetch(`${hub.url}${css}`, { headers: gzip });
    expect(fromNginx.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(fromNginx.headers.get('content-type')).toBe(fromNode.headers.get('content-type'));
    expect(fromNginx.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('redirects a folder without its slash relatively, like Baken', async () => {
    const response = await fetch(`${nginx.url}/matrix`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/matrix/');
  });

  it('sends on-demand routes to the Node process, whose headers arrive once', async () => {
    const health = await fetch(`${nginx.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(health.headers.get('cache-control')).toBe('no-store');

    const console = await fetch(`${nginx.url}/coordinator/inloggen/`);
    expect(console.status).toBe(200);
    expect(await console.text()).toContain('<html lang="nl"');
    expect(console.headers.get('x-frame-options')).toBe('DENY');
    expect(console.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  });

  it('hands paths that are no file to Baken, which answers with its own 404 page', async () => {
    const missing = await fetch(`${nginx.url}/bestaat-niet/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<html lang="nl"');
  });

  it('hands a form post to a prebuilt path and hidden files to Baken, which answers as it does directly', async () => {
    for (const [path, init] of [
      [
        '/matrix/',
        {
          method: 'POST',
          body: 'a=1',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://example.org' },
        },
      ],
      ['/.env', {}],
      ['/_astro/.hidden', {}],
    ] as const) {
      const fromNginx = await fetch(`${nginx.url}${path}`, init);
      const fromNode = await fetch(`${hub.url}${path}`, init);
      expect(fromNginx.status, path).toBe(fromNode.status);
      expect(fromNginx.status, path).not.toBe(405);
    }
  });

  it('keeps serving prebuilt pages when every Node process is down', async () => {
    await hub.stop();
    const page = await fetch(`${nginx.url}/matrix/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="nl"');
    const api = await fetch(`${nginx.url}/api/health`);
    expect(api.status).toBe(502);
  });
});

describe('nginx and a rebuilt site', () => {
  it('serves the new release once the live link is swapped, without a reload', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'baken-nginx-live-'));
    chmodSync(dist, 0o755);
    for (const [release, text] of [
      ['one', 'Versie 1.0'],
      ['two', 'Versie 1.1'],
    ] as const) {
      mkdirSync(join(dist, 'releases', release, 'client'), { recursive: true, mode: 0o755 });
      chmodSync(join(dist, 'releases'), 0o755);
      writeFileSync(join(dist, 'releases', release, 'client', 'index.html'), `<p>${text}</p>`, { mode: 0o644 });
    }
    symlinkSync(join('releases', 'one', 'client'), join(dist, 'live'), 'dir');
    const port = await freePort();
    const server = await startNginx(
      renderNginxConfig({
        root: join(dist, 'live'),
        upstream: ['127.0.0.1:9'],
        listenPort: port,
        securityHeaders: SECURITY_HEADERS,
        contentTypes: new Map([['.html', 'text/html; charset=utf-8']]),
        hashedPrefix: '/_astro/',
        proxyLocations: [],
      }).replace(/^ {4}listen \d+;$/m, `    listen 127.0.0.1:${port};`),
      port,
    );
    try {
      expect(await (await fetch(`${server.url}/`)).text()).toBe('<p>Versie 1.0</p>');
      // As the SiteRebuilder does: a new link renamed over the old one.
      symlinkSync(join('releases', 'two', 'client'), join(dist, 'live.next'), 'dir');
      renameSync(join(dist, 'live.next'), join(dist, 'live'));
      expect(await (await fetch(`${server.url}/`)).text()).toBe('<p>Versie 1.1</p>');
    } finally {
      await server.stop();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
