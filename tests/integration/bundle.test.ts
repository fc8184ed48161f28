import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNode } from '../../scripts/lib/node-runtime.mjs';
import { SECURITY_HEADERS } from '../../src/server/security-headers.ts';
import { unpackedBundle, type UnpackedBundle } from '../helpers/bundle.ts';
import { startHub, startServerProcess, type RunningHub } from '../helpers/hub-server.ts';

let bundle: UnpackedBundle;
let served: RunningHub;
let hub: RunningHub;

beforeAll(async () => {
  bundle = await unpackedBundle();
  [served, hub] = await Promise.all([startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], { cwd: bundle.dir }), startHub()]);
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
    for (const name of ['baken/serve.mjs', 'baken/LEESMIJ.txt', 'baken/site/index.html', 'baken/site/sw.js', 'baken/site/manifest.webmanifest', 'baken/site/noodkaarten/school/index.html', 'baken/site/data/scripts.json']) {
      expect(list).toContain(name);
    }
    expect(list.filter((name) => name.startsWith('baken/site/') && !name.endsWith('/')).length).toBe(bundle.siteFiles);
  });

  it('has a serve.mjs that needs nothing but Node itself', () => {
    const source = readFileSync(join(bundle.dir, 'serve.mjs'), 'utf8');
    const imports = [...source.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((specifier) => !specifier?.startsWith('node:'))).toEqual([]);
  });

  it('runs on Node 18.0.0, the oldest release LEESMIJ.txt promises, installed like the runtime', async () => {
    const oldest = await ensureNode('18.0.0', { log: () => {} });
    const old = await startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], { cwd: bundle.dir, node: oldest });
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

  it('explains in Dutch how to start, open and stop it, with the version date', () => {
    const text = readFileSync(join(bundle.dir, 'LEESMIJ.txt'), 'utf8');
    for (const phrase of ['node serve.mjs 8080', 'http://localhost:8080', 'Ctrl en C', 'Node.js', 'hetzelfde netwerk', 'Deze versie van Baken is van']) {
      expect(text).toContain(phrase);
    }
  });

  it('answers with the same headers as the hub server, so the service worker installs the same way', async () => {
    const html = await (await fetch(`${hub.url}/`)).text();
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    for (const path of ['/', '/matrix/', '/sw.js', '/manifest.webmanifest', css!, '/icons/icon-192.png', '/data/scripts.json']) {
      for (const encoding of ['br, gzip', 'gzip', '']) {
        const init = { headers: { 'Accept-Encoding': encoding } };
        const [fromBundle, fromHub] = await Promise.all([fetch(`${served.url}${path}`, init), fetch(`${hub.url}${path}`, init)]);
        expect(fromBundle.status, path).toBe(200);
        expect(comparable(fromBundle), `${path} (${encoding})`).toEqual(comparable(fromHub));
        expect(Buffer.from(await fromBundle.arrayBuffer()).equals(Buffer.from(await fromHub.arrayBuffer())), path).toBe(true);
      }
    }
    const missing = await fetch(`${served.url}/bestaat/niet/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Deze pagina bestaat niet');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(missing.headers.get(name)).toBe(value);
  });

  it('refuses a port that is not a number, with the command to use', () => {
    const result = spawnSync(process.execPath, [join(bundle.dir, 'serve.mjs'), 'achtduizend'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, HOST: '127.0.0.1' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"achtduizend" is geen poortnummer');
    expect(result.stderr).toContain('node serve.mjs 8080');
  });
});
