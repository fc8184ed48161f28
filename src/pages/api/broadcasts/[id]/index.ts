import type { APIRoute } from 'astro';
import { broadcastView } from '../../../../server/http/broadcast-responses.ts';
import { deliverySummaryOf } from '../../../../server/outbox/delivery-summary.ts';
import { apiError, json } from '../../../../server/http/responses.ts';
import { runtime } from '../../../../server/runtime.ts';

export const prerender = false;

/** A broadcast with its status, delivery counts per channel and state, and what still waits per provider and why. */
export const GET: APIRoute = ({ params }) => {
  const { services } = runtime();
  const broadcast = services.broadcasts.get(params.id ?? '');
  if (!broadcast) return apiError(404, 'unknown-broadcast', 'Dit bericht bestaat niet.');
  const summary = deliverySummaryOf(services.outbox, broadcast.id);
  return json(200, { ...broadcastView(broadcast, services.outbox), summary, failures: services.outbox.failures(broadcast.id, 50), waiting: services.outbox.waiting(broadcast.id) });
};
