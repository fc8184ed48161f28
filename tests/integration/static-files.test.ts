import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubServer, type HubServerOptions } from '../../src/server/http-server.ts';

let server: Server | undefined;
let dir: string | undefined;

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Serves a small site from a temporary folder on a free port of 127.0.0.1. */
async function serve(staticFiles?: HubServerOptions['staticFiles']) {
  dir = mkdtempSync(join(tmpdir(), 'baken-static-'));
  mkdirSync(join(dir, 'matrix'));
  writeFileSync(join(dir, 'matrix', 'index.html'), '<!doctype html><title>Matrix</title>');
  writeFileSync(join(dir, 'groot.bin'), Buffer.alloc(2 * 1024 * 1024, 1));
  const hub = createHubServer({ clientDir: dir, staticFiles });
  server = hub;
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  return (hub.address() as AddressInfo).port;
}

/** Sends the path exactly as given: fetch and URL would fold `/./` and `//` before sending. */
function get(port: number, path: string) {
  return new Promise<{ status: number; location: string | undefined; error?: string }>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.on('data', () => {});
      res.on('error', (error) => resolve({ status: res.statusCode ?? 0, location: undefined, error: error.message }));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', (error) => resolve({ status: 0, location: undefined, error: error.message }));
    req.end();
  });
}

describe('static files: redirects and failures', () => {
  it('redirects a folder to its slash form on this site, never to another host', async () => {
    const port = await serve();
    expect(await get(port, '/matrix')).toMatchObject({ status: 301, location: '/matrix/' });
    for (const path of ['/.//matrix', '//matrix', '///matrix?x=1']) {
      const response = await get(port, path);
      expect(response.status).toBe(301);
      expect(response.location).toMatch(/^\/matrix\/(\?x=1)?$/);
      expect(new URL(response.location ?? '', 'http://hub.example').host).toBe('hub.example');
    }
  });

  it('logs a file that fails while it is sent and breaks the connection instead of sending half a file', async () => {
    const lines: string[] = [];
    const port = await serve({
      openStream: () =>
        new Readable({
          read() {
            this.destroy(new Error('EIO: i/o error, read'));
          },
        }),
      log: (line) => lines.push(line),
    });
    const response = await get(port, '/groot.bin');
    expect(response.error).toBeDefined();
    expect(lines).toEqual([expect.stringMatching(/groot\.bin kon niet worden verstuurd: EIO/)]);
  });
});
