import type { APIRoute } from 'astro';
import { consolePath } from '../../../../server/http/broadcast-responses.ts';
import { apiError, json, seeOther, wantsJson } from '../../../../server/http/responses.ts';
import { runtime } from '../../../../server/runtime.ts';
import { wakeOutbox } from '../../../../server/services.ts';

export const prerender = false;

/** Queues every failed message of a broadcast again. */
export const POST: APIRoute = ({ request, params, locals }) => {
  const { services } = runtime();
  const broadcast = services.broadcasts.get(params.id ?? '');
  if (!broadcast) return apiError(404, 'unknown-broadcast', 'Dit bericht bestaat niet.');
  const queued = services.outbox.retryFailed(broadcast.id, services.clock.now().getTime());
  services.audit.append({
    actor: locals.user!.username,
    action: 'broadcast.retry-failed',
    subject: `broadcast:${broadcast.id}`,
    details: { queued },
  });
  wakeOutbox();
  return wantsJson(request)
    ? json(200, { queued })
    : seeOther(consolePath(broadcast.id), { melding: `${queued} mislukte berichten worden opnieuw verstuurd.` });
};
