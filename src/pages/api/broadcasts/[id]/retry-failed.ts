import type { APIRoute } from 'astro';
import { consolePath } from '../../../../server/http/broadcast-responses.ts';
import { apiError, json, seeOther, wantsJson } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** Queues every failed message of a broadcast again. */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { services } = runtimeOf(locals);
  const broadcast = await services.broadcasts.get(params.id ?? '');
  if (!broadcast) return apiError(404, 'unknown-broadcast', 'Dit bericht bestaat niet.');
  const queued = await services.outbox.retryFailed(broadcast.id, services.clock.now().getTime());
  await services.audit.append({
    actor: signedInUser(locals).username,
    action: 'broadcast.retry-failed',
    subject: `broadcast:${broadcast.id}`,
    details: { queued },
  });
  services.wakeOutbox();
  return wantsJson(request)
    ? json(200, { queued })
    : seeOther(consolePath(broadcast.id), { melding: `${queued} mislukte berichten worden opnieuw verstuurd.` });
};
