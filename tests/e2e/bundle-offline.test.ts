import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeUpdatesSnapshot } from '../../src/bundle/updates-snapshot.ts';
import { launchChromium } from '../helpers/browser.ts';
import { type UnpackedBundle, unpackedBundle } from '../helpers/bundle.ts';
import { crawlLinks } from '../helpers/crawl-links.ts';
import { type RunningHub, startHub, startServerProcess } from '../helpers/hub-server.ts';
import {
  cutNetwork,
  deadEndsOffline,
  NOT_STORED_HEADING,
  onlineHeadings,
  waitForOfflineReady,
  walkOffline,
} from '../helpers/offline.ts';
import { prebuiltSitemapPaths, sitemapPaths } from '../helpers/sitemap.ts';

let bundle: UnpackedBundle;
let server: RunningHub;
let browser: Browser;

beforeAll(async () => {
  // As npm run bundle does: the updates of the hub go in as a snapshot.
  const hub = await startHub();
  try {
    bundle = await unpackedBundle({ extraSiteFiles: (await takeUpdatesSnapshot(hub.url)).files });
  } finally {
    await hub.stop();
  }
  [server, browser] = await Promise.all([
    startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], { cwd: bundle.dir }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (bundle) rmSync(bundle.work, { recursive: true, force: true });
});

describe('the local-network bundle, unpacked and served by its own serve.mjs', () => {
  it('installs the service worker and passes the same offline walk over every sitemap page', async () => {
    const paths = await prebuiltSitemapPaths(server.url);
    expect(paths.length).toBeGreaterThan(30);
    const expected = await onlineHeadings(server.url, paths);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await waitForOfflineReady(page);
    await cutNetwork(context);
    const problems = await walkOffline(context, server.url, expected);
    const unknown = await context.newPage();
    await unknown.goto(`${server.url}/bestaat/niet/`);
    expect(await unknown.locator('h1').textContent()).toBe(NOT_STORED_HEADING);
    // Every address the bundle links to (found online by a crawl) answers offline too.
    const { statuses, broken } = await crawlLinks(server.url, ['/', ...(await sitemapPaths(server.url))]);
    expect(broken).toEqual([]);
    expect(await deadEndsOffline(unknown, [...statuses.keys()])).toEqual([]);
    await unknown.goto(`${server.url}/actueel/`);
    expect(await unknown.locator('h1').textContent()).toBe('Actuele berichten');
    expect(await unknown.locator('[data-snapshot-at]').textContent()).toMatch(
      /^Dit zijn de berichten zoals Baken ze had op \d{1,2} \w+ \d{4} om \d{2}:\d{2}\./,
    );
    await context.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
