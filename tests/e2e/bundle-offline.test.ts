import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { unpackedBundle, type UnpackedBundle } from '../helpers/bundle.ts';
import { startServerProcess, type RunningHub } from '../helpers/hub-server.ts';
import { cutNetwork, onlineHeadings, waitForOfflineReady, walkOffline } from '../helpers/offline.ts';
import { prebuiltSitemapPaths } from '../helpers/sitemap.ts';

let bundle: UnpackedBundle;
let server: RunningHub;
let browser: Browser;

beforeAll(async () => {
  bundle = await unpackedBundle();
  [server, browser] = await Promise.all([startServerProcess([join(bundle.dir, 'serve.mjs'), '0'], { cwd: bundle.dir }), launchChromium()]);
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
    expect(await unknown.locator('h1').textContent()).toBe('Geen verbinding: deze pagina is niet opgeslagen');
    await context.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
