import type { APIRoute } from 'astro';
import { answer, consolePath } from '../../../../server/http/broadcast-responses.ts';
import { runtime } from '../../../../server/runtime.ts';

export const prerender = false;

/** Starts a withdrawal draft (CAP Cancel) for a published broadcast → 201. */
export const POST: APIRoute = ({ request, params, locals }) => {
  const { services } = runtime();
  const id = params.id ?? '';
  const outcome = services.broadcastService.cancel(id, locals.user!);
  return answer(request, outcome, {
    status: 201,
    message: 'Intrekking klaargezet. Bied hem aan ter goedkeuring.',
    outbox: services.outbox,
    fallback: consolePath(id),
  });
};
