import type { APIRoute } from 'astro';
import { loadUpdates } from '../../../server/feeds/load-updates.ts';
import { json } from '../../../server/http/responses.ts';
import { runtimeOf } from '../../../server/runtime.ts';

export const prerender = false;

/** Active public updates, for the home page: small, live, never cached by the browser. */
export const GET: APIRoute = async ({ locals }) => {
  const { config, services } = runtimeOf(locals);
  const { updates } = await loadUpdates(services.broadcasts, config, false);
  const active = updates
    .filter((u) => u.state === 'active')
    .map(({ broadcast: b }) => ({
      id: b.id,
      title: b.title,
      publishedAt: b.publishedAt,
      type: b.messageType,
      url: `/actueel/#bericht-${b.id}`,
    }));
  return json(200, { updates: active, fetchedAt: services.clock.now().toISOString() });
};
