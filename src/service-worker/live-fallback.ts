import type { WorkboxPlugin } from 'workbox-core/types';
import { formatDateTime } from '../catalog/format-date-time.ts';

/** Response header on a stored live response: when the server sent it (ISO 8601). */
export const FETCHED_AT_HEADER = 'X-Baken-Fetched-At';

/**
 * Workbox plugin for live data. A response is stored with the moment it was fetched; when the
 * network fails and the stored copy is used, an HTML page gets a notice with that moment, and
 * any other type keeps it in the `X-Baken-Fetched-At` header.
 */
export function liveFallbackPlugin(now: () => Date = () => new Date()): WorkboxPlugin {
  return {
    cacheWillUpdate: async ({ response }) =>
      response.status === 200 ? withHeader(response, FETCHED_AT_HEADER, now().toISOString()) : null,
    cachedResponseWillBeUsed: async ({ cachedResponse }) => (cachedResponse ? markAsStoredCopy(cachedResponse) : null),
  };
}

/** Puts a Dutch notice saying when the page was fetched at the top of the main content. */
export function addFetchedAtNotice(html: string, fetchedAt: Date): string {
  const notice =
    '<p class="notice notice-warning" role="note" data-fetched-at>' +
    '<strong>Geen verbinding met de server.</strong> ' +
    `U ziet de versie die is opgehaald op <time datetime="${fetchedAt.toISOString()}">${formatDateTime(fetchedAt)}</time>. ` +
    'Er kan intussen nieuwe informatie zijn.</p>';
  const anchor = /<main\b[^>]*>/i.exec(html) ?? /<body\b[^>]*>/i.exec(html);
  if (!anchor) return notice + html;
  const at = anchor.index + anchor[0].length;
  return html.slice(0, at) + notice + html.slice(at);
}

async function markAsStoredCopy(response: Response): Promise<Response> {
  const fetchedAt = new Date(response.headers.get(FETCHED_AT_HEADER) ?? '');
  if (Number.isNaN(fetchedAt.getTime()) || !response.headers.get('Content-Type')?.startsWith('text/html'))
    return response;
  const headers = new Headers(response.headers);
  // The body changes length, and it is already decoded.
  headers.delete('Content-Length');
  headers.delete('Content-Encoding');
  return new Response(addFetchedAtNotice(await response.text(), fetchedAt), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

async function withHeader(response: Response, name: string, value: string): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set(name, value);
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}
