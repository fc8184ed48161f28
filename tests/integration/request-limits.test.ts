import { get, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub({ env: { BAKEN_MAX_CONNECTIONS: '10' } });
}, 60_000);
afterAll(() => hub?.stop());

const withDb = <T>(work: (db: DatabaseSync) => T): T => {
  const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
  try {
    return work(db);
  } finally {
    db.close();
  }
};

/** Posts `size` bytes in chunks without a Content-Length (chunked transfer encoding). */
function postChunked(path: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, hub.url);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(4096, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('limits on what a stranger can send', () => {
  it('refuses a large body with 413 and a Dutch message, by its Content-Length', async () => {
    const response = await fetch(`${hub.url}/api/abonnement/aanmelden`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(200_000), email: 'a@x.example', channel: 'email' }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'Het verzoek is te groot',
    );
  });

  it('refuses a large chunked body without a Content-Length, while it streams in', async () => {
    const result = await postChunked('/api/abonnement/aanmelden', 2 * 1024 * 1024).catch(
      (error: NodeJS.ErrnoException) => ({ status: -1, body: String(error.code) }),
    );
    // The server answers 413 and closes; the client may see the answer or, still sending, a reset.
    expect([413, -1]).toContain(result.status);
    if (result.status === 413) expect(result.body).toContain('te groot');
    else expect(['ECONNRESET', 'EPIPE']).toContain(result.body);
  });

  it('still accepts an ordinary sign-up', async () => {
    const response = await fetch(`${hub.url}/api/abonnement/aanmelden`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Gewoon', email: 'gewoon@x.example', phone: '', channel: 'email' }),
    });
    expect(response.status).toBe(202);
  });

  it('has no image endpoint', async () => {
    const response = await fetch(`${hub.url}/_image?href=%2Ficons%2Ficon-512.png&w=4000&h=4000&f=avif`);
    expect(response.status).toBe(404);
  });

  it('writes nothing to the audit log for refused cross-origin requests', async () => {
    const before = withDb((db) => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n);
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(`${hub.url}/api/session`, {
        method: 'POST',
        headers: { Origin: `https://${'x'.repeat(4000)}.example`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(403);
    }
    expect(withDb((db) => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n)).toBe(before);
  });

  it('refuses connections over the cap, and accepts again when they close', async () => {
    const { hostname, port } = new URL(hub.url);
    const sockets: Socket[] = [];
    for (let i = 0; i < 10; i += 1) {
      const socket = connect(Number(port), hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      sockets.push(socket);
    }
    // A new connection each time (no keep-alive pool), as a new client would open.
    const health = () =>
      new Promise<number | 'refused'>((resolve) => {
        const req = get({ host: hostname, port, path: '/api/health', agent: false, timeout: 5000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve('refused'));
        req.on('timeout', () => req.destroy());
      });
    expect(await health()).toBe('refused');
    for (const socket of sockets) socket.destroy();
    expect(await waitFor('the server to accept again', async () => ((await health()) === 200 ? 200 : undefined))).toBe(
      200,
    );
  });
});

describe('CAP messages', () => {
  const insert = (id: string, channels: string[]) =>
    withDb((db) =>
      db
        .prepare(
          `INSERT INTO broadcasts (id, message_type, script_slug, scenario, status, training, channels, lists, fields, severity, area, title, web_body, email_subject, email_text, sms_text, created_by, created_at, published_at)
           VALUES (?, 'alert', 'stroomstoring', 'stroomstoring', 'published', 0, ?, '[]', '{}', 'Minor', 'Gemeente', 'Titel', 'Tekst', 'e', 'e', 's', 'anna', ?, ?)`,
        )
        .run(id, JSON.stringify(channels), new Date().toISOString(), new Date().toISOString()),
    );

  it('answers only for broadcasts published on the web', async () => {
    insert('alleen-sms', ['sms', 'email']);
    insert('op-de-website', ['web', 'sms']);
    expect((await fetch(`${hub.url}/feeds/cap/alleen-sms.xml`)).status).toBe(404);
    const web = await fetch(`${hub.url}/feeds/cap/op-de-website.xml`);
    expect(web.status).toBe(200);
    expect(await web.text()).toContain('<identifier>');
  });
});
