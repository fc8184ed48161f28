import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubServer } from '../../src/server/http-server.ts';
import { FETCHED_AT_HEADER } from '../../src/service-worker/live-fallback.ts';
import { launchChromium } from '../helpers/browser.ts';
import { projectRoot } from '../helpers/hub-server.ts';
import { cutNetwork, restoreNetwork, waitForOfflineReady } from '../helpers/offline.ts';

// Stand-ins for the on-demand routes other issues add (updates, public API, coordinator):
// the real static server in front, these behind it, as Astro's handler would be.
let served = 0;
let mode: 'up' | 'slow' = 'up';
const stalled = new Set<ServerResponse>();

function liveRoutes(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (mode === 'slow') {
    // Answers only when the test ends: the worker must not wait for it.
    stalled.add(res);
    return;
  }
  served += 1;
  if (path === '/actueel/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(
      `<!doctype html><html lang="nl"><head><title>Actueel</title></head><body><main id="inhoud"><h1>Actueel</h1><p id="versie">bericht ${served}</p></main></body></html>`,
    );
  } else if (path === '/api/public/updates.json' || path === '/api/private.json') {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ served }));
  } else if (path === '/coordinator/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html lang="nl"><head><title>Coördinator</title></head><body><main><h1>Coördinator</h1></main></body></html>',
    );
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('niet gevonden');
  }
}

let server: Server;
let url: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = createHubServer({ clientDir: join(projectRoot, 'dist', 'client'), appHandler: liveRoutes });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await waitForOfflineReady(page);
});
afterAll(async () => {
  await browser?.close();
  for (const res of stalled) res.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}${path}`);
  return page;
}

const message = (page: Page) => page.locator('#versie').textContent();

describe('live data through the service worker', () => {
  it('takes live pages from the network while online, and offline shows the last copy with when it was fetched', async () => {
    const first = await open('/actueel/');
    const firstMessage = await message(first);
    const second = await open('/actueel/');
    // Network first: a new answer from the server, not the stored one.
    expect(await message(second)).not.toBe(firstMessage);
    const lastMessage = await message(second);
    expect(await second.locator('[data-fetched-at]').count()).toBe(0);

    await cutNetwork(context);
    try {
      const stored = await open('/actueel/');
      expect(await message(stored)).toBe(lastMessage);
      const notice = stored.locator('[data-fetched-at]');
      expect(await notice.textContent()).toMatch(
        /^Geen verbinding met de server\. U ziet de versie die is opgehaald op \d{1,2} \w+ \d{4} om \d{2}:\d{2}\./,
      );
      const fetchedAt = Date.parse((await notice.locator('time').getAttribute('datetime')) ?? '');
      expect(Date.now() - fetchedAt).toBeLessThan(5 * 60_000);
      expect(Date.now() - fetchedAt).toBeGreaterThanOrEqual(0);
    } finally {
      await restoreNetwork(context);
    }
  });

  it('answers from the stored copy when the server does not answer in time', async () => {
    const fresh = await open('/actueel/');
    const lastMessage = await message(fresh);
    mode = 'slow';
    try {
      const page = await open('/actueel/');
      expect(await message(page)).toBe(lastMessage);
      expect(await page.locator('[data-fetched-at]').count()).toBe(1);
      expect(stalled.size).toBeGreaterThan(0);
    } finally {
      mode = 'up';
    }
  });

  it('gives the public API from the network, and offline the stored answer with its fetch time in a header', async () => {
    const page = await open('/noodkaarten/');
    const read = () =>
      page.evaluate(
        async ([header]) => {
          const response = await fetch('/api/public/updates.json');
          return { body: (await response.json()) as { served: number }, fetchedAt: response.headers.get(header!) };
        },
        [FETCHED_AT_HEADER],
      );
    const online = await read();
    await cutNetwork(context);
    try {
      const offline = await read();
      expect(offline.body).toEqual(online.body);
      expect(Number.isNaN(Date.parse(offline.fetchedAt ?? ''))).toBe(false);
    } finally {
      await restoreNetwork(context);
    }
  });

  it('never stores the coordinator or a private API answer, and offline shows the offline page for them', async () => {
    const page = await open('/coordinator/');
    expect(await page.locator('h1').textContent()).toBe('Coördinator');
    expect(await page.evaluate(async () => (await fetch('/api/private.json')).status)).toBe(200);
    const stored = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(stored).toContain('/actueel/');
    expect(stored).toContain('/api/public/updates.json');
    expect(
      stored.filter(
        (path) => path.startsWith('/coordinator') || (path.startsWith('/api/') && !path.startsWith('/api/public/')),
      ),
    ).toEqual([]);

    await cutNetwork(context);
    try {
      const offline = await open('/coordinator/');
      expect(await offline.locator('h1').textContent()).toBe('Geen verbinding: deze pagina is niet opgeslagen');
    } finally {
      await restoreNetwork(context);
    }
  });
});
