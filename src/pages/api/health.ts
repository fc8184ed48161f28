import type { APIRoute } from 'astro';
import { type DeliveryHealth, deliveryHealth, WORKER_ALIVE_MS } from '../../server/outbox/health-report.ts';
import { WorkerHeartbeats } from '../../server/outbox/worker-heartbeat-store.ts';
import { runtime } from '../../server/runtime.ts';

export const prerender = false;

/** One read of the worker heartbeats; the page must stay cheap, the offline banner probes it with a short timeout. */
function delivery(): DeliveryHealth | { error: string } {
  try {
    const { services } = runtime();
    const now = services.clock.now().getTime();
    return deliveryHealth(new WorkerHeartbeats(services.db).recent(now - WORKER_ALIVE_MS), now);
  } catch {
    return { error: 'verzendstatus niet beschikbaar' };
  }
}

/**
 * Liveness check for the server process (rendered on demand, never cached): `status` is about
 * this process; `worker` and `providers` say whether messages can go out. Provider names
 * only, never addresses or keys.
 */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ status: 'ok', ...delivery() }), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
