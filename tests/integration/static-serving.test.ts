import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/server/security-headers.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';

const clientDir = join(projectRoot, 'dist', 'client');
let hub: RunningHub;
let css: string;

beforeAll(async () => {
  hub = await startHub();
  css = /href="(\/_astro\/[^"]+\.css)"/.exec(await (await fetch(`${hub.url}/`)).text())?.[1] ?? '';
});
afterAll(() => hub?.stop());

/** A raw request: Node's fetch would decode the body and hide Content-Encoding's effect. */
async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(`${hub.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('static files: precompressed variants, caching and revalidation', () => {
  it('sends the brotli variant to a browser, gzip when only gzip is accepted, and the file itself otherwise', async () => {
    const original = readFileSync(join(clientDir, 'matrix', 'index.html'));
    const br = await get('/matrix/', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.equals(readFileSync(join(clientDir, 'matrix', 'index.html.br')))).toBe(true);
    expect(br.body.length).toBeLessThan(original.length);
    const gzip = await get('/matrix/', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    const plain = await get('/matrix/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
    const refused = await get('/matrix/', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    for (const response of [br, gzip, plain, refused]) {
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
    }
  });

  it('gives each variant its own ETag and answers 304 to the matching one only', async () => {
    const br = await get('/sw.js', { 'Accept-Encoding': 'br' });
    const gzip = await get('/sw.js', { 'Accept-Encoding': 'gzip' });
    const plain = await get('/sw.js');
    const etags = [br, gzip, plain].map((r) => String(r.headers.etag));
    expect(new Set(etags).size).toBe(3);
    const again = await get('/sw.js', { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    const otherVariant = await get('/sw.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': String(br.headers.etag) });
    expect(otherVariant.status).toBe(200);
  });

  it('answers HEAD with the headers and length of the variant GET would send, and no body', async () => {
    const get200 = await get('/lijnen/', { 'Accept-Encoding': 'br' });
    const head = await get('/lijnen/', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-length', 'content-encoding', 'etag', 'content-type', 'vary', 'cache-control']) {
      expect(head.headers[name], name).toBe(get200.headers[name]);
    }
  });

  it('caches hashed assets for a year and makes HTML, the worker and the manifest revalidate', async () => {
    expect(css).toMatch(/^\/_astro\//);
    expect((await get(css)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/matrix/', '/sw.js', '/manifest.webmanifest', '/offline/']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-cache');
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(response.headers[name.toLowerCase()], `${path} ${name}`).toBe(value);
    }
    expect((await get('/manifest.webmanifest')).headers['content-type']).toBe(
      'application/manifest+json; charset=utf-8',
    );
    expect((await get('/sw.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('sends images as they are: no variant, no Vary', async () => {
    const png = await get('/icons/icon-192.png', { 'Accept-Encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers.vary).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
  });
});

describe('web app manifest', () => {
  it('names the app in Dutch, starts standalone at / in Baken blue, with 192 and 512 icons for any and maskable use', async () => {
    const manifest = (await (await fetch(`${hub.url}/manifest.webmanifest`)).json()) as {
      lang: string;
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
    };
    expect(manifest).toMatchObject({
      lang: 'nl',
      short_name: 'Baken',
      start_url: '/',
      display: 'standalone',
      theme_color: '#0b4a5e',
    });
    expect(manifest.name).toMatch(/^Baken/);
    const kinds = manifest.icons.map((icon) => `${icon.purpose} ${icon.sizes}`).sort();
    expect(kinds).toEqual(['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']);
    for (const icon of manifest.icons) {
      const response = await fetch(`${hub.url}${icon.src}`);
      expect(response.headers.get('content-type'), icon.src).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      // PNG signature, then the IHDR chunk with width and height.
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
    const html = await (await fetch(`${hub.url}/lijnen/`)).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
  });
});
