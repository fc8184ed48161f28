import type { BrowserContext, Page } from 'playwright-core';

/**
 * Waits until the service worker controls `page` and is activated: it activates only after it
 * stored every file, so the page then works offline.
 */
export async function waitForOfflineReady(page: Page): Promise<void> {
  // A synchronous check: waitForFunction would take a returned Promise as a truthy answer.
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: 30_000,
    polling: 100,
  });
}

/**
 * Takes the network away from every page and worker of `context`: every request that reaches
 * the network is aborted as "internet disconnected", and the browser's offline flag is set.
 * The abort is what the tests rely on; the flag only lets a page that trusts
 * `navigator.onLine` say "offline" instead of "unreachable", and Chromium versions differ in
 * when a new page sees it.
 */
export async function cutNetwork(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}

/** Gives the network back after `cutNetwork`. */
export async function restoreNetwork(context: BrowserContext): Promise<void> {
  // Routes first: the "online" event makes pages probe at once, and that probe must get through.
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.setOffline(false);
}

/** Runs `task` with the network of `context` cut, and restores it afterwards. */
export async function withoutNetwork<T>(context: BrowserContext, task: () => Promise<T>): Promise<T> {
  await cutNetwork(context);
  try {
    return await task();
  } finally {
    await restoreNetwork(context);
  }
}

/** The `data-state` of the connection banner once the page has decided it. */
export async function connectionStateOf(page: Page, timeout = 15_000): Promise<string | null> {
  return page.locator('[data-connection-state][data-state]').getAttribute('data-state', { timeout });
}

/** The text of the first <h1> in an HTML document, with tags removed and entities decoded. */
export function headingOf(html: string): string | undefined {
  const inner = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  if (inner === undefined) return undefined;
  const entities: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    '#39': "'",
    '#x27': "'",
    nbsp: '\u00a0',
  };
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
 * Opens every path of `expected` in a new page of a `context` without network (see
 * `cutNetwork`) and visits each of its address variants there. Returns one line per problem:
 * not answered, another heading than online, or a banner that claims Baken is online.
 */
export async function walkOffline(
  context: BrowserContext,
  baseUrl: string,
  expected: Map<string, string>,
): Promise<string[]> {
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
            const response = await page.goto(`${baseUrl}${address}`, {
              waitUntil: 'domcontentloaded',
              timeout: 15_000,
            });
            if (response?.status() !== 200) problems.push(`${address}: status ${response?.status()}`);
            const shown = (await page.locator('h1').first().textContent({ timeout: 5_000 }))
              ?.replace(/\s+/g, ' ')
              .trim();
            if (shown !== heading) problems.push(`${address}: h1 "${shown}", online "${heading}"`);
            // Offline or unreachable are both true here; online would be a lie.
            const state = await connectionStateOf(page);
            if (state !== 'offline' && state !== 'unreachable') problems.push(`${address}: banner state "${state}"`);
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

/** The heading of the service worker's page for an address it has not stored. */
export const NOT_STORED_HEADING = 'Geen verbinding: deze pagina is niet opgeslagen';

/**
 * Fetches every address in `targets` from `page` (controlled by the service worker, network
 * cut) and returns one line per address that fails, answers other than 200, or is the
 * "not stored" page: a link that would be a dead end offline.
 */
export async function deadEndsOffline(page: Page, targets: readonly string[]): Promise<string[]> {
  const problems = await page.evaluate(
    async ([paths, notStored]) => {
      const found: string[] = [];
      for (const path of paths) {
        try {
          const response = await fetch(path);
          if (response.status !== 200) found.push(`${path}: status ${response.status}`);
          else if ((await response.text()).includes(notStored)) found.push(`${path}: not stored`);
        } catch (error) {
          found.push(`${path}: ${(error as Error).message}`);
        }
      }
      return found;
    },
    [targets, NOT_STORED_HEADING] as const,
  );
  return problems.sort();
}
