import type { APIRoute } from 'astro';
import { proposalIdSchema } from '../../../../../schemas/line-proposal.ts';
import { apiError, json } from '../../../../../server/http/responses.ts';
import { signedInUser } from '../../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../../server/runtime.ts';

export const prerender = false;

/** A proposal with its sign-offs, the sectors still needed (`stillNeeded`) and the comments. */
export const GET: APIRoute = async ({ params, locals }) => {
  const id = proposalIdSchema.safeParse(params.id);
  const outcome = id.success ? await runtimeOf(locals).services.lines.view(id.data, signedInUser(locals)) : undefined;
  if (!outcome?.ok) return apiError(404, 'proposal-not-found', 'Dit voorstel bestaat niet, of u mag het niet zien.');
  return json(200, outcome.value);
};
