import type { APIRoute } from 'astro';
import { answer, consolePath } from '../../../../server/http/broadcast-responses.ts';
import { runtime } from '../../../../server/runtime.ts';

export const prerender = false;

/** Approval by a different coordinator publishes the broadcast; self-approval is refused with 403. */
export const POST: APIRoute = ({ request, params, locals }) => {
  const { services } = runtime();
  const id = params.id ?? '';
  const outcome = services.broadcastService.approve(id, locals.user!);
  return answer(request, outcome, {
    status: 200,
    message: 'Goedgekeurd en verstuurd.',
    outbox: services.outbox,
    fallback: consolePath(id),
  });
};
