import type { APIRoute } from 'astro';
import { type DeliveryHealth, deliveryHealth, WORKER_ALIVE_MS } from '../../server/outbox/health-report.ts';
import { type Runtime, runtimeOf } from '../../server/runtime.ts';

export const prerender = false;

/** One read of the worker heartbeats; the page must stay cheap, the offline banner probes it with a short timeout. */
async function delivery({ services }: Runtime): Promise<DeliveryHealth | { error: string }> {
  try {
    const now = services.clock.now().getTime();
    return deliveryHealth(await services.heartbeats.recent(now - WORKER_ALIVE_MS), now);
  } catch {
    return { error: 'verzendstatus niet beschikbaar' };
  }
}

/**
 * Liveness check for the server process (rendered on demand, never cached): `status` is about
 * this process; `worker` and `providers` say whether messages can go out. Provider names
 * only, never addresses or keys.
 */
export const GET: APIRoute = async ({ locals }) =>
  new Response(JSON.stringify({ status: 'ok', ...(await delivery(runtimeOf(locals))) }), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
