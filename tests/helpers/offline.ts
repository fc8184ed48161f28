import type { BrowserContext, Page } from 'playwright-core';

/**
 * Waits until the service worker controls `page` and is activated: it activates only after it
 * stored every file, so the page then works offline.
 */
export async function waitForOfflineReady(page: Page): Promise<void> {
  // A synchronous check: waitForFunction would take a returned Promise as a truthy answer.
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000, polling: 100 });
}

/** The text of the first <h1> in an HTML document, with tags removed and entities decoded. */
export function headingOf(html: string): string | undefined {
  const inner = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  if (inner === undefined) return undefined;
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: '\u00a0' };
  return inner
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, name: string) => entities[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The h1 of every path as the server sends it (not the service worker). */
export async function onlineHeadings(baseUrl: string, paths: readonly string[]): Promise<Map<string, string>> {
  const headings = new Map<string, string>();
  for (const path of paths) {
    const response = await fetch(`${baseUrl}${path}`);
    if (!response.ok) throw new Error(`${path} answered ${response.status} online`);
    const heading = headingOf(await response.text());
    if (!heading) throw new Error(`${path} has no <h1> online`);
    headings.set(path, heading);
  }
  return headings;
}

/** `/x/`, `/x` and `/x/index.html` for a sitemap path `/x/`; `/` and `/index.html` for the root. */
export function addressVariants(path: string): string[] {
  if (path === '/') return ['/', '/index.html'];
  return [path, path.replace(/\/$/, ''), `${path}index.html`];
}

// Pages opened at once during a walk: enough to overlap waiting, few enough for two cores.
const WALK_PARALLEL = 3;

/**
 * Opens every path of `expected` in a new page of an offline `context` and visits each of its
 * address variants there. Returns one line per problem: not answered, another heading than
 * online, or a banner that does not say offline.
 */
export async function walkOffline(context: BrowserContext, baseUrl: string, expected: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const queue = [...expected];
  const walker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, heading] = next;
      const page = await context.newPage();
      try {
        for (const address of addressVariants(path)) {
          try {
            // Module scripts (the banner) run before DOMContentLoaded.
            const response = await page.goto(`${baseUrl}${address}`, { waitUntil: 'domcontentloaded', timeout: 15_000 });
            if (response?.status() !== 200) problems.push(`${address}: status ${response?.status()}`);
            const shown = (await page.locator('h1').first().textContent({ timeout: 5_000 }))?.replace(/\s+/g, ' ').trim();
            if (shown !== heading) problems.push(`${address}: h1 "${shown}", online "${heading}"`);
            const state = await page.locator('[data-connection-state]').textContent();
            if (!state?.includes('offline')) problems.push(`${address}: banner says "${state}"`);
          } catch (error) {
            problems.push(`${address}: ${(error as Error).message.split('\n')[0]}`);
          }
        }
      } finally {
        await page.close();
      }
    }
  };
  await Promise.all(Array.from({ length: WALK_PARALLEL }, walker));
  return problems.sort();
}
