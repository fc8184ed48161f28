import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FETCHED_AT_HEADER } from '../../src/service-worker/live-fallback.ts';
import { launchChromium } from '../helpers/browser.ts';
import { loginInBrowser } from '../helpers/console-session.ts';
import { COORDINATOR_PASSWORD, type Coordinators, loginCoordinators } from '../helpers/coordinators.ts';
import { freePort } from '../helpers/free-port.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { NOT_STORED_HEADING, waitForOfflineReady, withoutNetwork } from '../helpers/offline.ts';
import { type PublishedUpdate, publishWebUpdate } from '../helpers/publish-update.ts';

// The real hub (built site + on-demand routes) on a fixed port and a kept data folder, so it
// can be stopped and started again as the same site.
const dataDir = mkdtempSync(join(tmpdir(), 'baken-live-data-'));
let port: number;
let hub: RunningHub;
let coordinators: Coordinators;
let browser: Browser;
let context: BrowserContext;
let updates = 0;

const startOurHub = () => startHub({ dataDir, env: { PORT: String(port) } });

beforeAll(async () => {
  port = await freePort();
  [hub, browser] = await Promise.all([startOurHub(), launchChromium()]);
  coordinators = await loginCoordinators(hub);
  await publish();
  context = await browser.newContext();
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(`${hub.url}/`);
  await waitForOfflineReady(page);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Publishes a new web update through the API, each with its own place so each has its own text. */
function publish(): Promise<PublishedUpdate> {
  updates += 1;
  return publishWebUpdate(coordinators, {
    organisatie: 'Zorggroep De Brug',
    gemeente: 'Voorbeeldstad',
    locatie: `Locatie ${updates}`,
    tijd: '14:00',
  });
}

/** Runs `task` with the hub process stopped: its port refuses connections. Starts it again after. */
async function withHubStopped<T>(task: () => Promise<T>): Promise<T> {
  await hub.stop();
  try {
    return await task();
  } finally {
    hub = await startOurHub();
  }
}

/** Runs `task` with the hub process frozen (SIGSTOP): connections are accepted but nothing answers. */
async function withHubFrozen<T>(task: () => Promise<T>): Promise<T> {
  process.kill(hub.pid, 'SIGSTOP');
  try {
    return await task();
  } finally {
    process.kill(hub.pid, 'SIGCONT');
  }
}

/** The two ways the connection is lost: the server gone, and every request of the browser aborted. */
const OUTAGES: Array<{ name: string; during: <T>(task: () => Promise<T>) => Promise<T> }> = [
  { name: 'hub stopped', during: withHubStopped },
  { name: 'requests aborted', during: (task) => withoutNetwork(context, task) },
];

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${hub.url}${path}`);
  return page;
}

const shows = async (page: Page, update: PublishedUpdate) =>
  (await page.locator(`[id="bericht-${update.id}"]`).count()) === 1;
const fetchedAtNotice = (page: Page) => page.locator('[data-fetched-at]');

/** Fetches the public updates API from `page`, with the header the worker adds to a stored answer. */
const readPublicApi = (page: Page) =>
  page.evaluate(async (header) => {
    const response = await fetch('/api/public/updates.json');
    return {
      body: (await response.json()) as { updates: Array<{ id: string }>; fetchedAt: string },
      fetchedAt: response.headers.get(header),
    };
  }, FETCHED_AT_HEADER);

describe('live data through the service worker, against the real hub', () => {
  it('takes live pages from the network while online, and without a connection shows the last copy with when it was fetched', async () => {
    for (const outage of OUTAGES) {
      // The stored copy of /actueel/ predates this update: only the network has it.
      const update = await publish();
      const fetchedFrom = Date.now();
      const online = await open('/actueel/');
      expect(await shows(online, update), outage.name).toBe(true);
      expect(await fetchedAtNotice(online).count()).toBe(0);

      await outage.during(async () => {
        const stored = await open('/actueel/');
        expect(await shows(stored, update), outage.name).toBe(true);
        const notice = fetchedAtNotice(stored);
        expect(await notice.textContent()).toMatch(
          /^Geen verbinding met de server\. U ziet de versie die is opgehaald op \d{1,2} \w+ \d{4} om \d{2}:\d{2}\./,
        );
        const fetchedAt = Date.parse((await notice.locator('time').getAttribute('datetime')) ?? '');
        // The copy from the online visit above (or a later refresh), not an older one.
        expect(fetchedAt).toBeGreaterThanOrEqual(fetchedFrom);
        expect(fetchedAt).toBeLessThanOrEqual(Date.now());
      });
    }
  }, 120_000);

  it('answers from the stored copy when the hub does not answer in time', async () => {
    const seen = await publish();
    expect(await shows(await open('/actueel/'), seen)).toBe(true);
    const unseen = await publish();

    await withHubFrozen(async () => {
      const page = await open('/actueel/');
      expect(await shows(page, seen)).toBe(true);
      expect(await shows(page, unseen)).toBe(false);
      expect(await fetchedAtNotice(page).count()).toBe(1);
    });
    // Answering again, the hub gives what was published meanwhile.
    expect(await shows(await open('/actueel/'), unseen)).toBe(true);
  });

  it('gives the public API from the network, and without a connection the stored answer with its fetch time in a header', async () => {
    const page = await open('/noodkaarten/');
    for (const outage of OUTAGES) {
      const update = await publish();
      const online = await readPublicApi(page);
      expect(online.body.updates.map((u) => u.id)).toContain(update.id);
      expect(online.fetchedAt).toBeNull();

      const offline = await outage.during(() => readPublicApi(page));
      expect(offline.body, outage.name).toEqual(online.body);
      expect(Number.isNaN(Date.parse(offline.fetchedAt ?? '')), outage.name).toBe(false);
    }
  }, 120_000);

  it('never stores the coordinator or a private API answer, and without a connection shows the offline page for them', async () => {
    const page = await context.newPage();
    await loginInBrowser(page, hub.url, 'anna', COORDINATOR_PASSWORD);
    const readBroadcasts = () =>
      page.evaluate(async () => {
        try {
          const response = await fetch('/api/broadcasts', { headers: { Accept: 'application/json' } });
          return {
            status: response.status,
            count: ((await response.json()) as { broadcasts: unknown[] }).broadcasts.length,
          };
        } catch {
          return { status: 0, count: 0 };
        }
      });
    expect(await readBroadcasts()).toEqual({ status: 200, count: updates });
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

    for (const outage of OUTAGES) {
      await outage.during(async () => {
        const offline = await open('/coordinator/');
        expect(await offline.locator('h1').textContent(), outage.name).toBe(NOT_STORED_HEADING);
        // No stored private answer to fall back on: the request fails.
        expect(await readBroadcasts(), outage.name).toEqual({ status: 0, count: 0 });
      });
    }
  }, 120_000);
});
