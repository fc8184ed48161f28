// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPersistentChromium } from '../helpers/browser.ts';
import { crawlLinks } from '../helpers/crawl-links.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import {
  connectionStateOf,
  deadEndsOffline,
  onlineHeadings,
  waitForOfflineReady,
  walkOffline,
  withoutNetwork,
} from '../helpers/offline.ts';
import { prebuiltSitemapPaths, sitemapPaths } from '../helpers/sitemap.ts';

const OFFLINE_HEADING = 'Geen verbinding: deze pagina is niet opgeslagen';

let hub: RunningHub;
let context: BrowserContext;
let first: Page;
let paths: string[];
let buildTime: string;
const profile = mkdtempSync(join(tmpdir(), 'baken-profile-'));

beforeAll(async () => {
  // A real profile, not incognito: Chromium only reports installability there.
  [hub, context] = await Promise.all([startHub(), launchPersistentChromium(profile)]);
  paths = await prebuiltSitemapPaths(hub.url);
  buildTime = ((await (await fetch(`${hub.url}/data/scripts.json`)).json()) as { generated: string }).generated;
  first = context.pages()[0] ?? (await context.newPage());
  await first.goto(`${hub.url}/`);
  await waitForOfflineReady(first);
});
afterAll(async () => {
  await context?.close();
  await hub?.stop();
  rmSync(profile, { recursive: true, force: true });
});

const offline = <T>(task: () => Promise<T>): Promise<T> => withoutNetwork(context, task);

async function openPage(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${hub.url}${path}`);
  return page;
}

describe('offline after one visit (service worker, Chromium)', () => {
  it('is installable: Chromium reports no installability errors and reads the manifest', async () => {
    const cdp = await context.newCDPSession(first);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(new URL(manifest.url).pathname).toBe('/manifest.webmanifest');
    await cdp.detach();
  });

  it('opens every sitemap page offline with and without trailing slash, and as index.html, with its real heading', async () => {
    expect(paths.length).toBeGreaterThan(30);
    const expected = await onlineHeadings(hub.url, paths);
    const problems = await offline(() => walkOffline(context, hub.url, expected));
    expect(problems).toEqual([]);
  }, 180_000);

  it('has no dead ends offline: every internal link of every page answers from what was stored, /actueel/ included', async () => {
    // Every address the site links to, found online by following links from every sitemap page.
    const { statuses, broken } = await crawlLinks(hub.url, ['/', ...(await sitemapPaths(hub.url))]);
    expect(broken).toEqual([]);
    const targets = [...statuses.keys()];
    expect(targets).toEqual(expect.arrayContaining(['/actueel/', '/feeds/actueel.atom', '/data/scripts.json']));
    await offline(async () => {
      const page = await openPage('/');
      expect(await deadEndsOffline(page, targets)).toEqual([]);
      // The menu's "Actueel" was never opened in this browser: the worker stored it at install.
      await page.goto(`${hub.url}/actueel/`);
      expect(await page.locator('h1').textContent()).toBe('Actuele berichten');
      expect(await page.locator('[data-fetched-at] time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      await page.close();
    });
  });

  it('keeps a sign-up form filled in and says in Dutch that it needs the hub when the network is gone', async () => {
    const page = await openPage('/aanmelden/');
    await offline(async () => {
      await page.getByLabel('Naam of naam van uw organisatie').fill('Buurthuis De Schakel');
      await page.getByLabel('E-mailadres').fill('info@deschakel.example');
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      const alert = page.getByRole('alert');
      await expect
        .poll(() => alert.textContent(), { timeout: 15_000 })
        .toMatch(/^Versturen lukt nu niet\. Dit kan alleen met de centrale Baken/);
      expect(new URL(page.url()).pathname).toBe('/aanmelden/');
      expect(await page.getByLabel('Naam of naam van uw organisatie').inputValue()).toBe('Buurthuis De Schakel');
      expect(await page.getByLabel('E-mailadres').inputValue()).toBe('info@deschakel.example');
    });
    // With the hub back, the same form goes through.
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/abonnement/bevestigen/', { timeout: 15_000 });
    await page.close();
  });

  it('shows the Dutch offline page with links to the matrix and the noodkaarten for an address it has not stored', async () => {
    await offline(async () => {
      for (const address of ['/bestaat/niet/', '/bestaat-ook-niet', '/coordinator/']) {
        const page = await openPage(address);
        expect(await page.locator('h1').textContent(), address).toBe(OFFLINE_HEADING);
        const links = await page.locator('main a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
        expect(links, address).toEqual(expect.arrayContaining(['/matrix/', '/noodkaarten/']));
        await page.close();
      }
    });
  });

  it('answers a query string and the JSON export offline from what it stored', async () => {
    const online = await (await fetch(`${hub.url}/data/scripts.json`)).json();
    await offline(async () => {
      const page = await openPage('/matrix/?sector=zorg-welzijn');
      expect(await page.locator('h1').textContent()).toBe(
        (await onlineHeadings(hub.url, ['/matrix/'])).get('/matrix/'),
      );
      const json = await page.evaluate(async () => (await fetch('/data/scripts.json')).json());
      expect(json).toEqual(online);
      await page.close();
    });
  });

  it('says Baken cannot be reached in the banner and shows the date of the content and of the last update check', async () => {
    const page = await openPage('/noodkaarten/');
    const banner = page.locator('[data-connection-banner]');
    expect(await connectionStateOf(page)).toBe('online');
    expect(await banner.locator('[data-connection-state]').textContent()).toBe('U bent online.');
    // Online, the page checks the server for a new version and shows when that worked.
    const lastCheck = banner.locator('[data-last-check] time');
    await expect.poll(() => lastCheck.isVisible(), { timeout: 15_000 }).toBe(true);
    const checkedAt = (await lastCheck.getAttribute('datetime')) ?? '';
    expect(Date.parse(checkedAt)).toBeGreaterThan(Date.parse(buildTime));
    await page.close();

    await offline(async () => {
      const offlinePage = await openPage('/noodkaarten/school/');
      const offlineBanner = offlinePage.locator('[data-connection-banner]');
      const state = await connectionStateOf(offlinePage);
      expect(['offline', 'unreachable']).toContain(state);
      expect(await offlineBanner.getAttribute('class')).toContain('is-offline');
      expect(await offlineBanner.locator('[data-connection-state]').textContent()).toMatch(
        /^(U bent offline|Baken is niet bereikbaar) — u ziet de opgeslagen versie van \d{1,2} \w+ \d{4} om \d{2}:\d{2}\.$/,
      );
      expect(await offlineBanner.getByRole('status').getAttribute('aria-live')).toBe('polite');
      const times = offlineBanner.locator('time');
      expect(await times.nth(0).getAttribute('datetime')).toBe(buildTime);
      expect(await times.nth(1).isVisible()).toBe(true);
      expect(await times.nth(1).getAttribute('datetime')).toBe(checkedAt);
      expect(await offlineBanner.innerText()).toMatch(
        /Deze informatie is van \d{1,2} \w+ \d{4} om \d{2}:\d{2}\.\s+Laatst gecontroleerd op een nieuwe versie: \d{1,2} \w+ \d{4} om \d{2}:\d{2}\./,
      );
      await offlinePage.close();
    });
  });

  it('shows on "Offline gebruik" how many pages and MB are stored, asks for persistent storage and re-checks for updates', async () => {
    const storedPages = await first.evaluate(async () => {
      const names = (await caches.keys()).filter((name) => name.startsWith('workbox-precache'));
      const requests = (await Promise.all(names.map(async (name) => (await caches.open(name)).keys()))).flat();
      return requests.filter((request) => new URL(request.url).pathname.endsWith('.html')).length;
    });
    expect(storedPages).toBeGreaterThan(paths.length);
    const page = await openPage('/offline-gebruik/');
    const summary = page.locator('[data-stored-summary]');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/^Op dit apparaat staan \d+ pagina's/);
    const [, pages, megabytes] =
      /staan (\d+) pagina's .* samen (\d+,\d) MB/.exec((await summary.textContent()) ?? '') ?? [];
    expect(Number(pages)).toBe(storedPages);
    expect(Number(megabytes?.replace(',', '.'))).toBeGreaterThan(0);

    const persist = page.locator('[data-persist-state]');
    const persistButton = page.getByRole('button', { name: 'Vraag om blijvend bewaren' });
    if (await persistButton.isVisible()) {
      await persistButton.click();
      await expect
        .poll(() => persist.textContent())
        .toMatch(/^(Gelukt: uw browser bewaart|Uw browser heeft dit niet toegestaan)/);
    } else {
      expect(await persist.textContent()).toBe("Uw browser bewaart de pagina's blijvend.");
    }

    await page.getByRole('button', { name: 'Controleer nu op een nieuwe versie' }).click();
    await expect
      .poll(() => page.locator('[data-recheck-result]').textContent(), { timeout: 15_000 })
      .toMatch(/u heeft de nieuwste versie\.$/);
    await page.close();
  });

  it('keeps working when the server is gone, and says so when a re-check for updates fails', async () => {
    // Last test of the file: a real outage, not an emulated one.
    await hub.stop();
    const page = await openPage('/offline-gebruik/');
    expect(await page.locator('h1').textContent()).toBe('Offline gebruik');
    await page.getByRole('button', { name: 'Controleer nu op een nieuwe versie' }).click();
    await expect
      .poll(() => page.locator('[data-recheck-result]').textContent(), { timeout: 15_000 })
      .toMatch(/^Controleren lukt nu niet/);
    await page.goto(`${hub.url}/lijnen/zorg-stroomuitval`);
    expect(await page.locator('h1').textContent()).toBe('Langdurige stroomuitval in de zorg');
    await page.close();
  });
});
