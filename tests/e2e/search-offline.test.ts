import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { cutNetwork, waitForOfflineReady } from '../helpers/offline.ts';

let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('search offline (service worker + search index from the precache)', () => {
  it('lists a stroomuitval script first for /zoeken/?q=stroomstoring with the network gone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/`);
    await waitForOfflineReady(page);
    await cutNetwork(context);
    const offline = await context.newPage();
    await offline.goto(`${hub.url}/zoeken/?q=stroomstoring`);
    const results = offline.locator('.search-result');
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await results.first().locator('.search-result-meta').textContent()).toContain('Situatie: Stroomuitval');
    const href = await results.first().locator('a').getAttribute('href');
    // The result itself opens offline too.
    await offline.goto(`${hub.url}${href}`);
    expect(await offline.locator('h1').textContent()).toMatch(/stroom/i);
    await context.close();
  });
});
