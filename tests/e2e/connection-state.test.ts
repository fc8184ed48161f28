import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { freePort } from '../helpers/free-port.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import {
  connectionStateOf,
  cutNetwork,
  restoreNetwork,
  waitForOfflineReady,
  withoutNetwork,
} from '../helpers/offline.ts';
import { publishUpdate } from '../helpers/publish-update.ts';

const DATE = /\d{1,2} \w+ \d{4} om \d{2}:\d{2}/;

let port: number;
let hub: RunningHub;
let browser: Browser;
let context: BrowserContext;

// The same port after a restart: the stored pages and the worker belong to one origin.
const start = async () => (hub = await startHub({ env: { PORT: String(port) } }));

beforeAll(async () => {
  port = await freePort();
  [, browser] = await Promise.all([start(), launchChromium()]);
  context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(`${hub.url}/`);
  await waitForOfflineReady(first);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}${path}`);
  return page;
}

const banner = (page: Page) => page.locator('[data-connection-state]');

describe('the connection banner tells whether Baken answers, not only whether there is a network', () => {
  let page: Page;

  it('says online while the hub answers its health probe', async () => {
    page = await open('/noodkaarten/');
    expect(await connectionStateOf(page)).toBe('online');
    expect(await banner(page).textContent()).toBe('U bent online.');
    expect(await page.locator('[data-connection-banner]').getAttribute('class')).not.toContain('is-offline');
  });

  it('says unreachable, with the date of the stored version, when the hub is stopped but the network is up', async () => {
    await hub.stop();
    await page.close();
    page = await open('/matrix/');
    expect(await page.locator('h1').textContent()).toBeTruthy();
    expect(await connectionStateOf(page)).toBe('unreachable');
    const text = (await banner(page).textContent()) ?? '';
    expect(text).toMatch(new RegExp(`^Baken is niet bereikbaar — u ziet de opgeslagen versie van ${DATE.source}\\.$`));
    expect(await page.locator('[data-connection-banner]').getAttribute('class')).toContain('is-offline');
  });

  it('turns online again by itself when the hub is back', async () => {
    await start();
    await expect.poll(() => banner(page).getAttribute('data-state'), { timeout: 30_000, interval: 250 }).toBe('online');
    expect(await banner(page).textContent()).toBe('U bent online.');
  });

  it('says offline when the network is cut (every request aborted), and online when it returns', {
    timeout: 150_000,
  }, async () => {
    await cutNetwork(context);
    try {
      // The 'offline' event makes the page look at once; without it, the next probe (60 s) does.
      await expect
        .poll(() => banner(page).getAttribute('data-state'), { timeout: 75_000, interval: 250 })
        .not.toBe('online');
      // "Offline" needs the device to say it has no network; the browser's flag is the only
      // way a page can know. Where a Chromium version does not pass the flag on, the honest
      // answer is "unreachable", and the test holds on either.
      const deviceOnline = await page.evaluate(() => navigator.onLine);
      expect(await banner(page).getAttribute('data-state')).toBe(deviceOnline ? 'unreachable' : 'offline');
      if (!deviceOnline)
        expect(await banner(page).textContent()).toMatch(
          new RegExp(`^U bent offline — u ziet de opgeslagen versie van ${DATE.source}\\.$`),
        );
      // A page opened without network never claims Baken answers.
      const other = await open('/sectoren/');
      expect(['offline', 'unreachable']).toContain(await connectionStateOf(other));
      await other.close();
    } finally {
      await restoreNetwork(context);
    }
    await expect.poll(() => banner(page).getAttribute('data-state'), { timeout: 30_000, interval: 250 }).toBe('online');
  });

  it('does not call a hub answer online when a proxy answers instead of Baken', async () => {
    // A reverse proxy with the hub behind it gone answers 502 with an HTML page.
    await context.route('**/api/health', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' }),
    );
    try {
      const proxied = await open('/scenarios/');
      expect(await connectionStateOf(proxied)).toBe('unreachable');
      await proxied.close();
    } finally {
      await context.unrouteAll({ behavior: 'ignoreErrors' });
    }
  });

  it('refreshes the stored /actueel/ whenever it sees the hub answer, without anyone opening it', async () => {
    const { id, title } = await publishUpdate(hub);
    const other = await open('/sectoren/');
    // Refreshing is limited to once per few minutes per browser; start that clock afresh.
    await other.evaluate(() => localStorage.removeItem('baken:laatste-verversing'));
    await other.reload();
    expect(await connectionStateOf(other)).toBe('online');
    const stored = () =>
      other.evaluate(async (anchor) => {
        const response = await (await caches.open('baken-live')).match('/actueel/');
        return response ? (await response.text()).includes(anchor) : false;
      }, `id="bericht-${id}"`);
    await expect.poll(stored, { timeout: 15_000, interval: 250 }).toBe(true);
    await other.close();
    await withoutNetwork(context, async () => {
      const updates = await open('/actueel/');
      expect(await updates.locator(`#bericht-${id} h2`).textContent()).toBe(title);
      expect(await updates.locator('[data-fetched-at]').count()).toBe(1);
      await updates.close();
    });
  });
});
