import { describe, expect, it } from 'vitest';
import { useHubAndBrowser } from '../helpers/hub-and-browser.ts';
import { cutNetwork, waitForOfflineReady } from '../helpers/offline.ts';

const site = useHubAndBrowser();

describe('search offline (service worker + search index from the precache)', () => {
  it('lists a stroomuitval script first for /zoeken/?q=stroomstoring with the network gone', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.hub.url}/`);
    await waitForOfflineReady(page);
    await cutNetwork(context);
    const offline = await context.newPage();
    await offline.goto(`${site.hub.url}/zoeken/?q=stroomstoring`);
    const results = offline.locator('.search-result');
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await results.first().locator('.search-result-meta').textContent()).toContain('Situatie: Stroomuitval');
    const href = await results.first().locator('a').getAttribute('href');
    // The result itself opens offline too.
    await offline.goto(`${site.hub.url}${href}`);
    expect(await offline.locator('h1').textContent()).toMatch(/stroom/i);
    await context.close();
  });
});
