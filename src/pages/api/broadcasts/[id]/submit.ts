import type { APIRoute } from 'astro';
import { answer, consolePath } from '../../../../server/http/broadcast-responses.ts';
import { runtime } from '../../../../server/runtime.ts';

export const prerender = false;

/** Sends a draft for approval by a second coordinator. */
export const POST: APIRoute = ({ request, params, locals }) => {
  const { services } = runtime();
  const id = params.id ?? '';
  const outcome = services.broadcastService.submit(id, locals.user!);
  return answer(request, outcome, {
    status: 200,
    message: 'Aangeboden ter goedkeuring. Een andere coördinator moet het bericht nu goedkeuren.',
    outbox: services.outbox,
    fallback: consolePath(id),
  });
};
