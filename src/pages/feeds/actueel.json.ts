import type { APIRoute } from 'astro';
import { jsonFeed } from '../../server/feeds/json-feed.ts';
import { loadUpdates } from '../../server/feeds/load-updates.ts';
import { runtime } from '../../server/runtime.ts';

export const prerender = false;

/** JSON Feed 1.1 of the public updates (never exercises). */
export const GET: APIRoute = () => {
  const { config, services } = runtime();
  const { updates, context } = loadUpdates(services.broadcasts, config, false);
  return new Response(jsonFeed(updates, context), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
};
