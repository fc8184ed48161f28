/**
 * Which URLs the service worker may keep, by path prefix. The build (what goes in the
 * precache) and the worker (how requests are answered) both read this one list.
 */
export const CACHE_POLICY_PREFIXES = {
  /**
   * Public data that changes while the hub runs (updates, exercises, feeds, the public API):
   * network first with a short timeout, the last copy fetched as fallback.
   */
  live: ['/actueel/', '/oefening/', '/feeds/', '/api/public/'],
  /**
   * Signed-in pages, pages behind a personal link (confirm, unsubscribe, my data) and every
   * other API route: never stored, never answered from a cache, never in the sitemap.
   */
  private: ['/coordinator/', '/api/', '/abonnement/', '/afmelden/', '/mijn-gegevens/', '/antwoord/'],
} as const;

/** How the worker treats a path: `static` is prebuilt and precached. */
export type CachePolicy = 'live' | 'private' | 'static';

/** The policy for a URL path. Live wins over private, so `/api/public/` is live. */
export function cachePolicyFor(pathname: string): CachePolicy {
  const under = (prefix: string) => pathname === prefix.slice(0, -1) || pathname.startsWith(prefix);
  if (CACHE_POLICY_PREFIXES.live.some(under)) return 'live';
  if (CACHE_POLICY_PREFIXES.private.some(under)) return 'private';
  return 'static';
}

/** Glob patterns (relative to the site folder) that keep live and private paths out of the precache. */
export function precacheIgnoreGlobs(): string[] {
  return [...CACHE_POLICY_PREFIXES.live, ...CACHE_POLICY_PREFIXES.private].map((prefix) => `${prefix.slice(1)}**`);
}
