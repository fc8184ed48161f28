import type { APIRoute } from 'astro';
import { atomFeed } from '../../server/feeds/atom-feed.ts';
import { loadUpdates } from '../../server/feeds/load-updates.ts';
import { runtimeOf } from '../../server/runtime.ts';

export const prerender = false;

/** Atom 1.0 feed of the public updates (never exercises). */
export const GET: APIRoute = async ({ locals }) => {
  const { config, services } = runtimeOf(locals);
  const { updates, context } = await loadUpdates(services.broadcasts, config, false);
  return new Response(atomFeed(updates, context), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
};
