/** Paths of every page listed in the sitemap index at `baseUrl`, fetched over HTTP. */
export async function sitemapPaths(baseUrl: string): Promise<string[]> {
  const locs = (xml: string) => Array.from(xml.matchAll(/<loc>([^<]+)<\/loc>/g), (m) => new URL(m[1] ?? '').pathname);
  const index = await fetch(`${baseUrl}/sitemap-index.xml`);
  if (!index.ok) throw new Error(`sitemap-index.xml answered ${index.status}`);
  const paths: string[] = [];
  for (const sitemap of locs(await index.text())) {
    const response = await fetch(`${baseUrl}${sitemap}`);
    if (!response.ok) throw new Error(`${sitemap} answered ${response.status}`);
    paths.push(...locs(await response.text()));
  }
  return paths;
}

/**
 * The sitemap's prebuilt pages: everything but the live pages (/actueel/, /oefening/), which
 * are rendered on demand, so they are neither precached nor in the local-network bundle.
 * Their offline behaviour (network first, the last copy as fallback) is tested on its own.
 */
export async function prebuiltSitemapPaths(baseUrl: string): Promise<string[]> {
  const { cachePolicyFor } = await import('../../src/service-worker/cache-policy.ts');
  return (await sitemapPaths(baseUrl)).filter((path) => cachePolicyFor(path) === 'static');
}
