import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, runAxe } from '../helpers/axe.ts';
import { useHubAndBrowser } from '../helpers/hub-and-browser.ts';

const site = useHubAndBrowser();

/** Opens a page and collects Content Security Policy errors from its console. */
async function open(path: string): Promise<{ page: Page; cspErrors: string[] }> {
  const page = await site.browser.newPage();
  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  await page.goto(`${site.hub.url}${path}`);
  return { page, cspErrors };
}

const results = (page: Page) => page.locator('.search-result');
const statusText = (page: Page) => page.locator('#zoek-status').textContent();

describe('search in the browser', () => {
  it('lists a stroomuitval script first for /zoeken/?q=stroomstoring, with matches marked and the count announced', async () => {
    const { page, cspErrors } = await open('/zoeken/?q=stroomstoring');
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const first = results(page).first();
    expect(await first.locator('.search-result-meta').textContent()).toContain('Situatie: Stroomuitval');
    expect(await first.locator('a').getAttribute('href')).toMatch(/^\/lijnen\/[a-z0-9-]+\/$/);
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    const count = await results(page).count();
    expect(await statusText(page)).toBe(`${count} lijnen gevonden voor "stroomstoring".`);
    expect(await page.getByRole('searchbox', { name: 'Zoekwoorden' }).inputValue()).toBe('stroomstoring');
    expect(await page.getByText('Zoeken werkt alleen met JavaScript').isVisible()).toBe(false);
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('has no axe-core violations with results, without results, and in the fallback to any word', async () => {
    const report: string[] = [];
    for (const path of [
      '/zoeken/?q=pinnen+lukt+niet',
      '/zoeken/?q=xyzzy',
      '/zoeken/?q=insuline+zwembad',
      '/zoeken/?sector=zorg-welzijn',
    ]) {
      const { page } = await open(path);
      await expect.poll(() => statusText(page), { timeout: 10_000 }).toMatch(/lijn|Geen/);
      report.push(...describeViolations(path, await runAxe(page)));
      await page.close();
    }
    expect(report).toEqual([]);
  });

  it('works with the keyboard only: header field on another page, Enter, Tab to a result, Enter', async () => {
    const { page } = await open('/matrix/');
    for (let presses = 0; presses < 20; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'kop-zoekwoorden')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kop-zoekwoorden');
    await page.keyboard.type('pinnen lukt niet');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/zoeken\/\?q=pinnen\+lukt\+niet$/);
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const firstHref = await results(page).first().locator('a').getAttribute('href');
    for (let presses = 0; presses < 30; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.closest('.search-result') !== null)) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(firstHref);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.hub.url}${firstHref}`);
    expect(firstHref).toMatch(/uitval-betaalverkeer/);
    await page.close();
  });

  it('keeps the search in the address, filters included, so it can be shared, reloaded and gone back to', async () => {
    const { page } = await open('/zoeken/?q=stroom');
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const sector = page.getByRole('combobox', { name: 'Sector' });
    await sector.selectOption('zorg-welzijn');
    await page.waitForURL(/\/zoeken\/\?q=stroom&sector=zorg-welzijn$/);
    const filtered = await results(page).locator('.search-result-meta').allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    for (const meta of filtered) expect(meta).toMatch(/Sector: (Alle sectoren|.*Zorg en welzijn)/);
    await page.reload();
    await expect
      .poll(() => results(page).locator('.search-result-meta').allTextContents(), { timeout: 10_000 })
      .toEqual(filtered);
    expect(await sector.inputValue()).toBe('zorg-welzijn');

    const field = page.getByRole('searchbox', { name: 'Zoekwoorden' });
    await field.fill('datalek');
    await field.press('Enter');
    await expect.poll(() => statusText(page)).toMatch(/gevonden voor "datalek"/);
    await page.goBack();
    await expect.poll(() => field.inputValue()).toBe('stroom');
    await expect.poll(() => statusText(page)).toMatch(/gevonden voor "stroom"/);
    await page.close();
  });

  it('labels concepts and never offers a withdrawn script', async () => {
    const { page } = await open('/zoeken/?q=internetstoring+landelijk+leverancier');
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const hrefs = await results(page)
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).not.toContain('/lijnen/alle-sectoren-internetstoring-landelijk/');
    const concept = results(page).filter({
      has: page.locator('a[href="/lijnen/alle-sectoren-cyberaanval-leverancier/"]'),
    });
    expect(await concept.locator('.badge-concept').textContent()).toBe('Concept — nog niet vastgesteld');
    await page.close();
  });

  it('loads the index on first use only: not on other pages, and on /zoeken/ when the field gets focus', async () => {
    const page = await site.browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${site.hub.url}/matrix/`, { waitUntil: 'networkidle' });
    await page.goto(`${site.hub.url}/zoeken/`, { waitUntil: 'networkidle' });
    expect(requested).not.toContain('/zoeken/zoekindex.json');
    await page.getByRole('searchbox', { name: 'Zoekwoorden' }).focus();
    await expect.poll(() => requested.includes('/zoeken/zoekindex.json'), { timeout: 10_000 }).toBe(true);
    await page.close();
  });

  it('without JavaScript, the header field still leads to /zoeken/, which says search needs JavaScript and links to the matrix', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.hub.url}/noodkaarten/`);
    await page.getByRole('searchbox', { name: 'Zoek een lijn' }).fill('stroom');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/\/zoeken\/\?q=stroom$/);
    expect(await page.getByText('Zoeken werkt alleen met JavaScript').isVisible()).toBe(true);
    expect(
      await page.getByRole('link', { name: 'overzicht per sector en situatie' }).first().getAttribute('href'),
    ).toBe('/matrix/');
    await context.close();
  });
});
