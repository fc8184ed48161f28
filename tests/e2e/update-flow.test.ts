// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build-site.ts';
import { freePort } from '../helpers/free-port.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';
import { cutNetwork, waitForOfflineReady } from '../helpers/offline.ts';

const SCRIPT = 'zorg-stroomuitval';
const TITLE_A = 'Langdurige stroomuitval in de zorg';
const TITLE_B = 'Langdurige stroomuitval in de zorg (nieuwe versie)';
const BLUE = 'rgb(11, 74, 94)';

const work = mkdtempSync(join(tmpdir(), 'baken-update-'));
const distA = join(projectRoot, 'dist');
const distB = join(work, 'dist');
let port: number;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  // Build B: the demo content with one changed title, into its own dist and Astro cache.
  const contentB = join(work, 'content');
  cpSync(join(projectRoot, 'content'), contentB, { recursive: true });
  const file = join(contentB, 'scripts', `${SCRIPT}.md`);
  const source = readFileSync(file, 'utf8');
  writeFileSync(file, source.replace(`title: ${TITLE_A}\n`, `title: ${TITLE_B}\n`));
  expect(readFileSync(file, 'utf8')).not.toBe(source);
  const [build, freeLoopbackPort, chromium] = await Promise.all([
    buildSite({ contentDir: contentB, workDir: work }),
    freePort(),
    launchChromium(),
  ]);
  browser = chromium;
  expect(build.code, build.output).toBe(0);
  port = freeLoopbackPort;
  hub = await startHub({ distDir: distA, env: { PORT: String(port) } });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Deploys another build: the server restarts on the same address, as a real deploy does. */
async function deploy(distDir: string): Promise<void> {
  await hub.stop();
  hub = await startHub({ distDir, env: { PORT: String(port) } });
}

const builtAt = (distDir: string) =>
  (JSON.parse(readFileSync(join(distDir, 'client', 'data', 'scripts.json'), 'utf8')) as { generated: string })
    .generated;
const shownBuild = (page: Page) => page.locator('[data-connection-banner] time').first().getAttribute('datetime');
const heading = (page: Page) => page.locator('h1').first().textContent();
const headerColour = (page: Page) =>
  page.locator('.site-header').evaluate((header) => getComputedStyle(header).backgroundColor);

describe('safe updates (service worker, Chromium)', () => {
  it('keeps open tabs on the old version, offers "Vernieuwen", and after accepting shows the new version online and offline', async () => {
    const [versionA, versionB] = [builtAt(distA), builtAt(distB)];
    expect(versionB).not.toBe(versionA);
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${hub.url}/lijnen/${SCRIPT}/`);
    await waitForOfflineReady(tab);
    expect(await heading(tab)).toBe(TITLE_A);

    await deploy(distB);
    expect(await (await fetch(`${hub.url}/lijnen/${SCRIPT}/`)).text()).toContain(TITLE_B);

    // The open tab keeps working on A: pages and their hashed assets come from A's precache.
    await tab.getByRole('link', { name: 'Overzicht', exact: true }).click();
    await tab.waitForURL(`${hub.url}/matrix/`);
    expect(await heading(tab)).toBe('Overzicht per sector en situatie');
    expect(await headerColour(tab)).toBe(BLUE);
    expect(await shownBuild(tab)).toBe(versionA);
    await tab.goto(`${hub.url}/lijnen/${SCRIPT}/`);
    expect(await heading(tab)).toBe(TITLE_A);

    // B installed in the background and waits: every tab offers the refresh.
    const prompt = tab.locator('[data-update-prompt]');
    await expect.poll(() => prompt.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await prompt.innerText()).toBe('Nieuwe versie beschikbaar — Vernieuwen');
    const other = await context.newPage();
    await other.goto(`${hub.url}/sectoren/`);
    expect(await shownBuild(other)).toBe(versionA);
    await expect.poll(() => other.locator('[data-update-prompt]').isVisible(), { timeout: 15_000 }).toBe(true);

    // Accepting in one tab moves every tab to B.
    await tab.getByRole('button', { name: 'Vernieuwen' }).click();
    await expect.poll(() => heading(tab).catch(() => ''), { timeout: 15_000 }).toBe(TITLE_B);
    await expect.poll(() => shownBuild(other).catch(() => ''), { timeout: 15_000 }).toBe(versionB);
    expect(await shownBuild(tab)).toBe(versionB);
    expect(await headerColour(tab)).toBe(BLUE);
    expect(await tab.locator('[data-update-prompt]').isVisible()).toBe(false);

    // Only B is stored: A's pages were removed when B took over.
    const manifestB = readFileSync(join(distB, 'client', 'sw.js'), 'utf8').match(/"url":"[^"]+"/g) ?? [];
    const stored = await tab.evaluate(async () => {
      const names = (await caches.keys()).filter((name) => name.startsWith('workbox-precache'));
      return (await Promise.all(names.map(async (name) => (await caches.open(name)).keys()))).flat().length;
    });
    expect(stored).toBe(manifestB.length);

    await cutNetwork(context);
    const offlinePage = await context.newPage();
    await offlinePage.goto(`${hub.url}/lijnen/${SCRIPT}`);
    expect(await heading(offlinePage)).toBe(TITLE_B);
    expect(await shownBuild(offlinePage)).toBe(versionB);
    await context.close();
  });
});
