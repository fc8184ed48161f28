// The hub's service worker. Bundled with esbuild at build time; workbox-build then replaces
// self.__WB_MANIFEST with the list of every prebuilt file (see build-service-worker.ts).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, type PrecacheEntry, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { routes } from '../catalog/routes.ts';
import { cachePolicyFor } from './cache-policy.ts';
import { liveFallbackPlugin } from './live-fallback.ts';
import { type NetworkReport, type StoredSummary, WORKER_MESSAGE } from './messages.ts';
import { networkReportPlugin } from './network-report.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

const LIVE_CACHE = 'baken-live';
const LIVE_TIMEOUT_SECONDS = 3;
const OFFLINE_PAGE = `${routes.offline}index.html`;

const manifest = self.__WB_MANIFEST;

// Every prebuilt page and file, answered from the precache. `/x/` finds `/x/index.html`
// (directory index) and so does `/x` (below); query strings never change a prebuilt file.
precacheAndRoute(manifest, {
  ignoreURLParametersMatching: [/.*/],
  urlManipulation: ({ url }) => (url.pathname.endsWith('/') ? [] : [new URL(`${url.pathname}/index.html`, url)]),
});
cleanupOutdatedCaches();
// Take control of open pages on the first install. An update only activates after the user
// chose "Vernieuwen" (or every tab was closed); the pages then reload on `controllerchange`.
clientsClaim();

async function reportToPages(message: NetworkReport): Promise<void> {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
}
const reportNetwork = networkReportPlugin(reportToPages);

const live = new NetworkFirst({
  cacheName: LIVE_CACHE,
  networkTimeoutSeconds: LIVE_TIMEOUT_SECONDS,
  plugins: [liveFallbackPlugin(), reportNetwork],
});
registerRoute(({ url, sameOrigin }) => sameOrigin && cachePolicyFor(url.pathname) === 'live', live);
// Pages that are not prebuilt (new since this version, or signed in) come from the network
// only; private paths never reach a cache because nothing here stores them.
registerRoute(new NavigationRoute(new NetworkOnly({ plugins: [reportNetwork] })));

/**
 * Live pages the site links to (the menu's "Actueel" and its feeds): stored at install and
 * again whenever Baken answers, so no link leads to "not stored" offline.
 */
const WARM_LIVE_PATHS = [routes.updates, routes.exercises, routes.updatesAtom, routes.updatesJson];

function refreshLive(event: ExtendableEvent): Promise<unknown> {
  // A failed fetch leaves the last stored copy in place; that is the point.
  return Promise.allSettled(WARM_LIVE_PATHS.map((path) => live.handle({ event, request: new Request(path) })));
}
self.addEventListener('install', (event) => event.waitUntil(refreshLive(event)));

// No connection and nothing stored: a Dutch page with the way to what is stored, never the
// browser's error page.
setCatchHandler(async ({ request }) =>
  request.mode === 'navigate' ? ((await matchPrecache(OFFLINE_PAGE)) ?? Response.error()) : Response.error(),
);

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === WORKER_MESSAGE.skipWaiting) {
    event.waitUntil(self.skipWaiting());
  } else if (type === WORKER_MESSAGE.refreshLive) {
    event.waitUntil(refreshLive(event));
  } else if (type === WORKER_MESSAGE.storedSummary) {
    event.waitUntil(storedSummary().then((summary) => event.ports[0]?.postMessage(summary)));
  }
});

async function storedSummary(): Promise<StoredSummary> {
  const summary: StoredSummary = { pages: 0, files: 0, bytes: 0 };
  for (const entry of manifest) {
    const url = typeof entry === 'string' ? entry : entry.url;
    const response = await matchPrecache(url);
    if (!response) continue;
    summary.files += 1;
    summary.bytes += (await response.blob()).size;
    if (url.endsWith('.html')) summary.pages += 1;
  }
  return summary;
}
