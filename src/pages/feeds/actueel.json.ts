import type { APIRoute } from 'astro';
import { jsonFeed } from '../../server/feeds/json-feed.ts';
import { loadUpdates } from '../../server/feeds/load-updates.ts';
import { runtimeOf } from '../../server/runtime.ts';

export const prerender = false;

/** JSON Feed 1.1 of the public updates (never exercises). */
export const GET: APIRoute = async ({ locals }) => {
  const { config, services } = runtimeOf(locals);
  const { updates, context } = await loadUpdates(services.broadcasts, config, false);
  return new Response(jsonFeed(updates, context), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
};
