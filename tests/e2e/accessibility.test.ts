// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, runAxe } from '../helpers/axe.ts';
import { type ConsoleScreens, loginThroughForm, prepareConsoleScreens } from '../helpers/console-screens.ts';
import { useHubAndBrowser } from '../helpers/hub-and-browser.ts';
import { present } from '../helpers/present.ts';
import { sitemapPaths } from '../helpers/sitemap.ts';

let paths: string[];
let consoleScreens: ConsoleScreens;

/** The widths every page is checked at: a small phone (the WCAG reflow width), a common phone, a desktop. */
const WIDTHS = [320, 390, 1280] as const;

const site = useHubAndBrowser();
beforeAll(async () => {
  paths = await sitemapPaths(site.hub.url);
  consoleScreens = await prepareConsoleScreens(site.hub);
}, 60_000);

/** How far the page reaches past the right edge of the window, in CSS pixels (0 = no sideways scroll). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Visits each path at each width; returns one line per axe violation and per page that scrolls sideways. */
async function checkPages(page: Page, pathList: string[], expectedStatus = 200): Promise<string[]> {
  const report: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of pathList) {
      const response = await page.goto(`${site.hub.url}${path}`, { waitUntil: 'load' });
      if (response?.status() !== expectedStatus) report.push(`${path} @${width}: status ${response?.status()}`);
      const overflow = await sidewaysOverflow(page);
      if (overflow > 0) report.push(`${path} @${width}: scrolls sideways by ${overflow} px`);
      report.push(...describeViolations(`${path} @${width}`, await runAxe(page)));
    }
  }
  return report;
}

// Walking every page at three widths takes minutes, and much longer on a busy machine.
const WALK_TIMEOUT_MS = 900_000;

describe('accessibility (WCAG 2.2 AA, axe-core in Chromium)', () => {
  it(
    'finds zero axe violations and no sideways scrolling on every sitemap page, the offline page and the 404 page at 320, 390 and 1280 px',
    async () => {
      expect(paths.length).toBeGreaterThan(30);
      // The markup is what is checked here; offline behaviour has its own tests. Without the
      // service worker every page comes from the server, and nothing is stored in the background.
      const context = await site.browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const report = [
        ...(await checkPages(page, [...paths, '/offline/'])),
        ...(await checkPages(page, ['/bestaat-niet/'], 404)),
      ];
      await context.close();
      expect(report).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'finds zero axe violations and no sideways scrolling on every console screen at 320, 390 and 1280 px',
    async () => {
      const context = await site.browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const report = await checkPages(page, ['/coordinator/inloggen/']);
      await loginThroughForm(page, site.hub.url, 'bram');
      report.push(...(await checkPages(page, consoleScreens.paths.slice(1))));
      // The approval screen shows the button; the CAP XML is folded away until asked for.
      await page.goto(`${site.hub.url}${consoleScreens.approvalPath}`);
      expect(await page.getByRole('button', { name: 'Goedkeuren en versturen' }).count()).toBe(1);
      expect(await page.locator('.cap-preview').isVisible()).toBe(false);
      await page.getByText('CAP-bericht (voor meldsystemen) bekijken').click();
      expect(await page.locator('.cap-preview').isVisible()).toBe(true);
      await context.close();
      expect(report).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );

  it('opens the header menu on a phone by keyboard, without JavaScript, and shows it open on a desktop', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${site.hub.url}/lijnen/zorg-stroomuitval/`);
    const firstLink = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Actueel' });
    expect(await firstLink.isVisible()).toBe(false);
    // Skip link, logo, then the menu button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Menu');
    await page.keyboard.press('Enter');
    expect(await firstLink.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Actueel');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.hub.url}/actueel/`);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await firstLink.isVisible()).toBe(true);
    await context.close();
  });

  it('shows the kernboodschap of a script on the first screen of a phone', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${site.hub.url}/lijnen/zorg-stroomuitval/`);
    const heading = page.locator('.script-body h2', { hasText: 'Kernboodschap' });
    const box = await heading.boundingBox();
    expect(box).not.toBeNull();
    const { y, height } = present(box, 'the box of the Kernboodschap heading');
    expect(y + height).toBeLessThan(844);
    await context.close();
  });

  it('starts every page with a skip link that moves focus to the main content', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.hub.url}/lijnen/zorg-stroomuitval/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    await page.close();
  });

  it('runs the copy buttons under the strict CSP and copies a section to the clipboard', async () => {
    const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    await page.goto(`${site.hub.url}/lijnen/zorg-stroomuitval/`);
    const button = page.getByRole('button', { name: 'Kopieer Kernboodschap' });
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Gekopieerd');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const expected = await page.evaluate(() => {
      const heading = [...document.querySelectorAll('.script-body h2')].find((h) => h.textContent === 'Kernboodschap');
      const button = heading?.nextElementSibling;
      return (button?.nextElementSibling as HTMLElement | null)?.innerText.trim();
    });
    expect(expected?.length).toBeGreaterThan(20);
    expect(copied.startsWith(present(expected, 'the Kernboodschap text'))).toBe(true);
    expect(await page.locator('#copy-status').textContent()).toContain('Kernboodschap is gekopieerd');
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('shows all content without JavaScript, and no copy buttons that would not work', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.hub.url}/lijnen/zorg-stroomuitval/`);
    expect(await page.locator('h2', { hasText: 'Handelingsperspectief' }).count()).toBe(1);
    expect(await page.locator('.copy-button').count()).toBe(0);
    // The banner still dates the content; the parts that need the service worker stay hidden.
    const banner = page.locator('[data-connection-banner]');
    expect(await banner.innerText()).toMatch(/^Deze informatie is van \d{1,2} \w+ \d{4} om \d{2}:\d{2}\.$/);
    expect(await banner.locator('[data-update-prompt]').isVisible()).toBe(false);
    await page.goto(`${site.hub.url}/offline-gebruik/`);
    expect(await page.locator('[data-stored-summary]').textContent()).toContain('als JavaScript aan staat');
    expect(await page.locator('main').getByRole('button').count()).toBe(0);
    await context.close();
  });

  it(
    'prints every script page on at most two A4 pages, without navigation or buttons',
    async () => {
      const page = await site.browser.newPage();
      const scripts = paths.filter((p) => /^\/lijnen\/[^/]+\/$/.test(p));
      expect(scripts.length).toBeGreaterThan(20);
      const tooLong: string[] = [];
      for (const path of scripts) {
        await page.goto(`${site.hub.url}${path}`);
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.site-header').isVisible(), path).toBe(false);
        expect(await page.locator('.copy-button').first().isVisible(), path).toBe(false);
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
        if (pages < 1 || pages > 2) tooLong.push(`${path}: ${pages} pages`);
        await page.emulateMedia({ media: 'screen' });
      }
      await page.close();
      expect(tooLong).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );

  it('prints every noodkaart on exactly one A4 page without navigation', async () => {
    const page = await site.browser.newPage();
    const cards = paths.filter((p) => /^\/noodkaarten\/[^/]+\/$/.test(p));
    expect(cards.length).toBe(5);
    for (const path of cards) {
      await page.goto(`${site.hub.url}${path}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible(), path).toBe(false);
      expect(await page.locator('.fill-line').count(), path).toBeGreaterThan(0);
      // Location line, version, print date and a QR code that leads back to this page.
      expect(await page.locator('.noodkaart-location').innerText(), path).toMatch(/^Locatie:/);
      expect(await page.locator('.noodkaart-meta').first().innerText(), path).toMatch(/^Versie \S+, vastgesteld op /);
      expect(await page.locator('[data-print-date]').count(), path).toBe(1);
      expect(await page.locator('.noodkaart-qr svg path').count(), path).toBeGreaterThan(0);
      expect(await page.locator('.noodkaart-footer a').getAttribute('href'), path).toMatch(new RegExp(`${path}$`));
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages, path).toBe(1);
      await page.emulateMedia({ media: 'screen' });
    }
    await page.close();
  });
});
