import type { APIRoute } from 'astro';
import { answer, consolePath } from '../../../../server/http/broadcast-responses.ts';
import { runtime } from '../../../../server/runtime.ts';

export const prerender = false;

/** The author takes a submission back to change it: submitted → draft (200). */
export const POST: APIRoute = ({ request, params, locals }) => {
  const { services } = runtime();
  const id = params.id ?? '';
  const outcome = services.broadcastService.unsubmit(id, locals.user!);
  return answer(request, outcome, {
    status: 200,
    message: 'De aanbieding is teruggetrokken. U kunt het concept weer wijzigen.',
    outbox: services.outbox,
    fallback: consolePath(id),
  });
};
