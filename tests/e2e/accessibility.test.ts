import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSource, describeViolations, runAxe, type AxeViolation } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startHub, type RunningHub } from '../helpers/hub-server.ts';
import { sitemapPaths } from '../helpers/sitemap.ts';

let hub: RunningHub;
let browser: Browser;
let paths: string[];

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchChromium()]);
  paths = await sitemapPaths(hub.url);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function axeViolations(page: Page, path: string): Promise<AxeViolation[]> {
  const response = await page.goto(`${hub.url}${path}`, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  return runAxe(page);
}

// Walking every page takes longer as content grows, and much longer on a busy machine.
const WALK_TIMEOUT_MS = 240_000;

describe('accessibility (WCAG 2.1 AA, axe-core in Chromium)', () => {
  it('finds zero violations on every page in the sitemap, the offline page and the 404 page', async () => {
    expect(paths.length).toBeGreaterThan(30);
    // The markup is what is checked here; offline behaviour has its own tests. Without the
    // service worker every page comes from the server, and nothing is stored in the background.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const report: string[] = [];
    for (const path of [...paths, '/offline/']) {
      report.push(...describeViolations(path, await axeViolations(page, path)));
    }
    await page.goto(`${hub.url}/bestaat-niet/`);
    await page.evaluate(axeSource);
    const notFound = await page.evaluate(async () => (await (globalThis as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe.run()).violations.length);
    await context.close();
    expect(report).toEqual([]);
    expect(notFound).toBe(0);
  }, WALK_TIMEOUT_MS);

  it('starts every page with a skip link that moves focus to the main content', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.url}/lijnen/zorg-stroomuitval/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    await page.close();
  });

  it('runs the copy buttons under the strict CSP and copies a section to the clipboard', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    await page.goto(`${hub.url}/lijnen/zorg-stroomuitval/`);
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
    expect(copied.startsWith(expected!)).toBe(true);
    expect(await page.locator('#copy-status').textContent()).toContain('Kernboodschap is gekopieerd');
    expect(cspErrors).toEqual([]);
    await context.close();
  });

  it('shows all content without JavaScript, and no copy buttons that would not work', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${hub.url}/lijnen/zorg-stroomuitval/`);
    expect(await page.locator('h2', { hasText: 'Handelingsperspectief' }).count()).toBe(1);
    expect(await page.locator('.copy-button').count()).toBe(0);
    // The banner still dates the content; the parts that need the service worker stay hidden.
    const banner = page.locator('[data-connection-banner]');
    expect(await banner.innerText()).toMatch(/^Deze informatie is van \d{1,2} \w+ \d{4} om \d{2}:\d{2}\.$/);
    expect(await banner.locator('[data-update-prompt]').isVisible()).toBe(false);
    await page.goto(`${hub.url}/offline-gebruik/`);
    expect(await page.locator('[data-stored-summary]').textContent()).toContain('als JavaScript aan staat');
    expect(await page.locator('main').getByRole('button').count()).toBe(0);
    await context.close();
  });

  it('prints every noodkaart on exactly one A4 page without navigation', async () => {
    const page = await browser.newPage();
    const cards = paths.filter((p) => /^\/noodkaarten\/[^/]+\/$/.test(p));
    expect(cards.length).toBe(5);
    for (const path of cards) {
      await page.goto(`${hub.url}${path}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible(), path).toBe(false);
      expect(await page.locator('.fill-line').count(), path).toBeGreaterThan(0);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages, path).toBe(1);
      await page.emulateMedia({ media: 'screen' });
    }
    await page.close();
  });
});
