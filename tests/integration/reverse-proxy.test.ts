import { request } from 'node:https';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addUserWithCli, totpCodeFor } from '../helpers/api-client.ts';
import { launchChromium } from '../helpers/browser.ts';
import { freePort } from '../helpers/free-port.ts';
import type { PlainResponse } from '../helpers/http-from.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { type RunningTlsProxy, startTlsProxy } from '../helpers/nginx-tls-proxy.ts';

// Each login runs a real scrypt hash (128 MiB, two at a time): slow on a busy machine.
vi.setConfig({ testTimeout: 240_000 });

const PASSWORD = 'correct horse battery staple';

let hub: RunningHub;
let nginx: RunningTlsProxy;
let browser: Browser;

/** A JSON POST over HTTPS through nginx, from a chosen loopback source address. */
function postThroughProxy(
  path: string,
  body: unknown,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<Pick<PlainResponse, 'status' | 'body'>> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${nginx.url}${path}`,
      {
        method: 'POST',
        ca: nginx.certificate,
        localAddress,
        agent: false,
        timeout: 30_000,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${nginx.url}/coordinator/`);
  await page.waitForURL(/\/coordinator\/inloggen\//);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByLabel('Code uit uw authenticator-app').fill(await totpCodeFor(username));
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Berichten' }).waitFor();
}

beforeAll(async () => {
  const proxyPort = await freePort();
  hub = await startHub({
    env: { BAKEN_PUBLIC_URL: `https://127.0.0.1:${proxyPort}`, BAKEN_TRUSTED_PROXIES: '127.0.0.1' },
  });
  nginx = await startTlsProxy(new URL(hub.url).host, proxyPort);
  addUserWithCli(hub.dataDir, 'anna', PASSWORD);
  addUserWithCli(hub.dataDir, 'bram', PASSWORD);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await hub?.stop();
});

describe('behind nginx with TLS (the configuration in docs/deployment.md)', () => {
  it('logs in with the second factor, composes, submits and approves through the proxy', async () => {
    const [contextA, contextB] = await Promise.all([
      browser.newContext({ ignoreHTTPSErrors: true }),
      browser.newContext({ ignoreHTTPSErrors: true }),
    ]);
    const [anna, bram] = await Promise.all([contextA.newPage(), contextB.newPage()]);
    await login(anna, 'anna');
    await login(bram, 'bram');

    // The browser sends Origin: https://…; the hub, which sees http://, must take it as its own.
    const created = await anna.evaluate(async () => {
      const response = await fetch('/api/broadcasts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          script: 'zorg-stroomuitval',
          channels: ['web'],
          lists: [],
          training: false,
          fields: { organisatie: 'Zorggroep De Linde', gemeente: 'Voorbeeldstad', locatie: 'De Brug', tijd: '14:30' },
        }),
      });
      return { status: response.status, body: (await response.json()) as { id: string } };
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await anna.goto(`${nginx.url}/coordinator/berichten/${id}/`);
    await anna.getByRole('button', { name: 'Aanbieden ter goedkeuring' }).click();
    await anna.getByText('Een andere coördinator moet het goedkeuren').first().waitFor();

    await bram.goto(`${nginx.url}/coordinator/berichten/${id}/goedkeuren/`);
    await bram.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    await bram.getByText('Goedgekeurd en verstuurd.').waitFor();
    const published = await bram.evaluate(
      async (bid) =>
        (await (await fetch(`/api/broadcasts/${bid}`, { headers: { Accept: 'application/json' } })).json()) as Record<
          string,
          unknown
        >,
      id,
    );
    expect(JSON.stringify(published)).toContain('"approvedBy":"bram"');
    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('still refuses a POST from another origin through the proxy', async () => {
    const response = await postThroughProxy('/api/session', { username: 'anna', password: PASSWORD }, '127.0.0.1', {
      Origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('cross-origin');
  });

  it('counts logins per real client address: the hop nginx saw, not a forged X-Forwarded-For and not the proxy', async () => {
    // A guesser at 127.0.0.7 who forges a new X-Forwarded-For each time is still throttled.
    const guesses = [];
    for (let i = 0; i < 8; i += 1)
      guesses.push(
        (
          await postThroughProxy('/api/session', { username: 'anna', password: `guess ${i}` }, '127.0.0.7', {
            'X-Forwarded-For': `198.51.100.${i}`,
          })
        ).status,
      );
    expect(guesses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(guesses.slice(3)).toContain(429);
    const checked = guesses.filter((status) => status === 401).length;
    // …while anna at another address, through the same proxy, logs in at once.
    const own = await postThroughProxy(
      '/api/session',
      { username: 'anna', password: PASSWORD, code: await totpCodeFor('anna') },
      '127.0.0.8',
    );
    expect(own.status).toBe(200);

    const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
    const ips = db
      .prepare(
        "SELECT json_extract(details, '$.ip') AS ip, action FROM audit_log WHERE action IN ('login.failed', 'login.succeeded') AND subject = 'user:anna'",
      )
      .all() as Array<{ ip: string; action: string }>;
    db.close();
    expect(ips.filter((row) => row.action === 'login.failed').map((row) => row.ip)).toEqual(
      Array(checked).fill('127.0.0.7'),
    );
    expect(ips.filter((row) => row.action === 'login.succeeded').map((row) => row.ip)).toContain('127.0.0.8');
  });
});
