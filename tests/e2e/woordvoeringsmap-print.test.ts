// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHubAndBrowser } from '../helpers/hub-and-browser.ts';
import { pdfPages, squash } from '../helpers/pdf-text.ts';

const SECTORS = ['zorg-welzijn', 'onderwijs-kinderopvang', 'veiligheid', 'cultuur-sport'];

let work: string;

const site = useHubAndBrowser();
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'baken-pdf-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('woordvoeringsmap (print)', () => {
  it.each(SECTORS)(
    'prints %s with a contents page, every line from the top of a page and no block cut in two',
    async (sector) => {
      const page = await site.browser.newPage();
      await page.goto(`${site.hub.url}/woordvoering/${sector}/`);
      const lines = await page.$$eval('[data-booklet-line]', (articles) =>
        articles.map((article) => ({
          title: article.querySelector('h2')?.textContent ?? '',
          chapter: article.querySelector('.booklet-chapter')?.textContent ?? '',
          blocks: [...article.querySelectorAll('p, li, dd')].map((block) => (block as HTMLElement).innerText),
        })),
      );
      const contents = await page.$$eval('.booklet-toc a', (links) => links.map((link) => link.textContent ?? ''));
      expect(lines.length).toBeGreaterThan(3);
      expect(contents).toEqual(lines.map((line) => line.title));

      const pages = pdfPages(
        await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }),
        join(work, `${sector}.pdf`),
      ).map(squash);
      await page.close();
      // The cover with the contents, then each line on one page or a few.
      expect(pages.length).toBeGreaterThanOrEqual(1 + lines.length);
      expect(pages.length).toBeLessThanOrEqual(2 + 3 * lines.length);
      expect(pages[0]).toContain(squash('Inhoud'));
      for (const line of lines) {
        const start = pages.findIndex((text) => text.startsWith(squash(`${line.chapter}${line.title}`)));
        expect(start, `"${line.title}" starts at the top of a page`).toBeGreaterThan(0);
        for (const block of line.blocks.map(squash).filter((b) => b.length > 0)) {
          expect(
            pages.some((text) => text.includes(block)),
            `a block of "${line.title}" is whole on one page: ${block.slice(0, 80)}…`,
          ).toBe(true);
        }
      }
    },
    60_000,
  );
});
