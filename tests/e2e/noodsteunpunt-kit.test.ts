// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHubAndBrowser } from '../helpers/hub-and-browser.ts';
import { projectRoot } from '../helpers/hub-server.ts';
import { pdfPages, squash } from '../helpers/pdf-text.ts';
import { present } from '../helpers/present.ts';

let work: string;

/** Decodes the first QR code on the page from a screenshot, as a phone camera would. */
async function readQr(page: Page): Promise<string | undefined> {
  const png = PNG.sync.read(await page.locator('[data-kit-sheet="poster"] [data-kit-qr] svg').screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** Page size in points and page count, from poppler's pdfinfo. */
function pdfInfo(pdf: Buffer, file: string): { pages: number; width: number; height: number } {
  writeFileSync(file, pdf);
  const out = spawnSync('pdfinfo', [file], { encoding: 'utf8', timeout: 30_000 }).stdout;
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)?.[1]), width: Number(size?.[1]), height: Number(size?.[2]) };
}

const site = useHubAndBrowser();
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'baken-kit-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('noodsteunpunt kit (/noodsteunpunt/)', () => {
  it('keeps what a location fills in across visits, in this browser only', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') posted.push(request.url());
    });
    await page.goto(`${site.hub.url}/noodsteunpunt/`);
    await page.getByLabel('Naam van de locatie (verplicht)').fill('Buurthuis De Linde');
    await page.getByLabel('Adres', { exact: true }).fill('Lindelaan 4, 1234 AB Voorbeeldstad');
    await page.getByLabel('Openingstijden').fill('Elke dag 8.00 tot 22.00 uur');
    await page.reload();
    await expect.poll(() => page.getByLabel('Naam van de locatie (verplicht)').inputValue()).toBe('Buurthuis De Linde');
    expect(await page.getByLabel('Openingstijden').inputValue()).toBe('Elke dag 8.00 tot 22.00 uur');
    expect(await page.locator('[data-kit-sheet="poster"] [data-kit-field="naam"]').textContent()).toBe(
      'Buurthuis De Linde',
    );
    expect(posted).toEqual([]);
    await context.close();
  }, 60_000);

  it('refuses to print without a name, in Dutch, and loses nothing', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.hub.url}/noodsteunpunt/`);
    await page.getByLabel('Adres', { exact: true }).fill('Kerkstraat 1');
    await page.getByRole('button', { name: 'Poster printen (A3)' }).click();
    await expect.poll(() => page.locator('[data-kit-errors]').textContent()).toContain('Vul de naam van de locatie in');
    expect(await page.getByLabel('Naam van de locatie (verplicht)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Adres', { exact: true }).inputValue()).toBe('Kerkstraat 1');
    await page.close();
  }, 60_000);

  it('prints an A3 poster with the chosen message, a QR code to the local address and the print date', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.hub.url}/noodsteunpunt/`);
    await page.getByLabel('Naam van de locatie (verplicht)').fill('Sporthal Het Baken');
    await page.getByLabel('Gemeente', { exact: true }).fill('Voorbeeldstad');
    await page.getByLabel('Contact', { exact: true }).fill('Balie, 010-1234567');
    await page.getByLabel('Boodschap op de poster').selectOption('alle-sectoren-regionale-stroomuitval');
    await expect.poll(() => readQr(page)).toBe(`${site.hub.url}/actueel/`);
    const message = page.locator('[data-kit-line="alle-sectoren-regionale-stroomuitval"]');
    expect(await message.isVisible()).toBe(true);
    const kernboodschap = (await message.locator('p').first().innerText()).trim();

    await page.evaluate(() => (document.body.dataset.kitPrint = 'poster'));
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const info = pdfInfo(pdf, join(work, 'poster.pdf'));
    expect(info.pages).toBe(1);
    // A3 is 297 × 420 mm: 842 × 1191 points.
    expect(Math.round(info.width)).toBe(842);
    expect(Math.round(info.height)).toBe(1191);
    const [text] = pdfPages(pdf, join(work, 'poster-text.pdf'));
    for (const expected of [
      'Noodsteunpunt',
      'Sporthal Het Baken',
      'Balie, 010-1234567',
      kernboodschap,
      'Wat kunt u doen?',
      `${site.hub.url}/actueel/`,
    ]) {
      expect(text && squash(text)).toContain(squash(expected));
    }
    expect(text).toMatch(/Geprint op \d{1,2} \w+ \d{4} om \d\d:\d\d/);
    await page.close();
  }, 60_000);

  it('prints a personalised A4 noodkaart with the QR code to the central address when chosen', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.hub.url}/noodsteunpunt/`);
    await page.getByLabel('Naam van de locatie (verplicht)').fill('Wijkcentrum De Brug');
    await page.getByLabel('Soort noodkaart').selectOption('wijkcentrum');
    await page.getByLabel('Naam crisiscoördinator', { exact: true }).filter({ visible: true }).fill('Fatima el Amrani');
    await page.getByLabel('Het centrale adres').check();
    const central = await page.locator('[data-kit-sheet="poster"]').getAttribute('data-central-url');
    expect(central).toMatch(/\/actueel\/$/);
    await expect.poll(() => readQr(page)).toBe(central);
    await page.evaluate(() => (document.body.dataset.kitPrint = 'kaart'));
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const info = pdfInfo(pdf, join(work, 'kaart.pdf'));
    expect(info.pages).toBe(1);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    const [text] = pdfPages(pdf, join(work, 'kaart-text.pdf'));
    for (const expected of [
      'Noodkaart wijkcentrum',
      'Wijkcentrum De Brug',
      'Fatima el Amrani',
      'Het eerste uur',
      present(central, 'the central address'),
    ]) {
      expect(text && squash(text)).toContain(squash(expected));
    }
    expect(text).toMatch(/Geprint op \d{1,2} \w+ \d{4} om \d\d:\d\d/);
    await page.close();
  }, 60_000);

  it('keeps the JavaScript of the page within 30 KB brotli', async () => {
    const html = readFileSync(join(projectRoot, 'dist/client/noodsteunpunt/index.html'), 'utf8');
    const seen = new Set<string>();
    const queue = [...html.matchAll(/<script[^>]+src="(\/_astro\/[^"]+)"/g)].map((m) =>
      present(m[1], 'a script address'),
    );
    let bytes = 0;
    // Follow static imports between chunks, as the browser does.
    for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
      if (seen.has(path)) continue;
      seen.add(path);
      const source = readFileSync(join(projectRoot, 'dist/client', path));
      bytes += brotliCompressSync(source).length;
      for (const m of source.toString('utf8').matchAll(/from\s*"\.\/([^"]+\.js)"/g)) queue.push(`/_astro/${m[1]}`);
    }
    expect(seen.size).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
  });
});
