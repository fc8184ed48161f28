/** Internal addresses (path and query, no fragment) that `html` at `pageUrl` links to or loads. */
export function internalLinks(html: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:a|link|script|img|source|iframe)\b[^>]*?\s(?:href|src)=["']([^"']+)["']/gi)) {
    const raw = (match[1] ?? '').replace(/&amp;/g, '&');
    if (/^(mailto|tel|sms|javascript|data):/i.test(raw)) continue;
    const url = new URL(raw, pageUrl);
    if (url.origin !== origin) continue;
    found.add(url.pathname + url.search);
  }
  return [...found];
}

export interface CrawlResult {
  /** Every internal address reached, with its final status. */
  statuses: Map<string, number>;
  /** "address (status), linked from page" for every answer that is not 2xx. */
  broken: string[];
}

/**
 * Follows every internal link from `seeds` over HTTP (redirects followed), reading links from
 * every HTML answer, until nothing new is found or `limit` addresses were visited.
 */
export async function crawlLinks(baseUrl: string, seeds: readonly string[], limit = 2_000): Promise<CrawlResult> {
  const statuses = new Map<string, number>();
  const broken: string[] = [];
  const queue: Array<{ path: string; from: string }> = seeds.map((path) => ({ path, from: '(start)' }));
  const seen = new Set(seeds);
  for (let next = queue.shift(); next && statuses.size < limit; next = queue.shift()) {
    const { path, from } = next;
    const response = await fetch(`${baseUrl}${path}`);
    statuses.set(path, response.status);
    if (!response.ok) {
      broken.push(`${path} (${response.status}), linked from ${from}`);
      await response.body?.cancel();
      continue;
    }
    if (!response.headers.get('Content-Type')?.startsWith('text/html')) {
      await response.body?.cancel();
      continue;
    }
    for (const link of internalLinks(await response.text(), response.url)) {
      if (seen.has(link)) continue;
      seen.add(link);
      queue.push({ path: link, from: path });
    }
  }
  return { statuses, broken: broken.sort() };
}
