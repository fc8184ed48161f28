/**
 * Every public URL of the hub is made here, so pages, the sitemap, exports and the link
 * check in the content lint agree on them.
 */
export const routes = {
  home: '/',
  matrix: '/matrix/',
  sectors: '/sectoren/',
  sector: (slug: string) => `/sectoren/${slug}/`,
  scenarios: '/scenarios/',
  scenario: (slug: string) => `/scenarios/${slug}/`,
  scripts: '/lijnen/',
  script: (slug: string) => `/lijnen/${slug}/`,
  /** The versions of a line, with what changed and who agreed each: a part of its page. */
  scriptHistory: (slug: string) => `/lijnen/${slug}/#versies`,
  noodkaarten: '/noodkaarten/',
  noodkaart: (slug: string) => `/noodkaarten/${slug}/`,
  /** A noodsteunpunt prints its poster (A3) and personalised noodkaart here. */
  noodsteunpuntKit: '/noodsteunpunt/',
  /** Every valid agreed line of a sector on one printable page. */
  woordvoeringsmap: (sector: string) => `/woordvoering/${sector}/`,
  accessibility: '/toegankelijkheid/',
  scriptsJson: '/data/scripts.json',
  updates: '/actueel/',
  /** The feeds of the updates, linked from /actueel/. */
  updatesAtom: '/feeds/actueel.atom',
  updatesJson: '/feeds/actueel.json',
  exercises: '/oefening/',
  console: '/coordinator/',
  /** Liveness probe; the connection banner asks it whether Baken itself answers. */
  health: '/api/health',
  /** Where Kannel reports delivery (DLR callbacks); see src/server/transports/kannel-dlr.ts. */
  kannelDlr: '/api/dlr/kannel',
  /** What the service worker shows for a page it has not stored, when there is no connection. */
  offline: '/offline/',
  offlineUsage: '/offline-gebruik/',
  manifest: '/manifest.webmanifest',
  serviceWorker: '/sw.js',
  search: '/zoeken/',
  /** The search index the search page loads on first use; a stable address, so it can be precached. */
  searchIndex: '/zoeken/zoekindex.json',
} as const;

export interface ContentSlugs {
  sectors: string[];
  scenarios: string[];
  scripts: string[];
  noodkaarten: string[];
}

/** All internal paths a content link may point to. */
export function knownPaths(slugs: ContentSlugs): Set<string> {
  return new Set([
    routes.home,
    routes.matrix,
    routes.sectors,
    routes.scenarios,
    routes.scripts,
    routes.noodkaarten,
    routes.accessibility,
    routes.scriptsJson,
    routes.updates,
    routes.offlineUsage,
    routes.search,
    ...slugs.sectors.map(routes.sector),
    ...slugs.scenarios.map(routes.scenario),
    ...slugs.scripts.map(routes.script),
    ...slugs.noodkaarten.map(routes.noodkaart),
  ]);
}
