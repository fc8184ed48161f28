const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change state: safe methods always; otherwise the browser must say
 * it comes from this origin. Browsers send `Origin` (and `Sec-Fetch-Site`) on every
 * cross-origin POST; a request with neither comes from a non-browser client (a gateway's
 * delivery report, curl), which carries no session cookie of a user to abuse. Behind a TLS
 * proxy the server sees `http://`, so the public address (BAKEN_PUBLIC_URL) counts as ours too.
 */
export function isSameOriginRequest(method: string, url: URL, headers: Headers, publicUrl?: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get('origin');
  if (origin !== null)
    return origin === url.origin || (publicUrl !== undefined && origin === new URL(publicUrl).origin);
  const site = headers.get('sec-fetch-site');
  return site === null || site === 'same-origin' || site === 'none';
}
