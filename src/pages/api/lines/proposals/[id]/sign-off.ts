import type { APIRoute } from 'astro';
import { proposalIdSchema } from '../../../../../schemas/line-proposal.ts';
import { answerLine, proposalPath } from '../../../../../server/http/line-responses.ts';
import { apiError } from '../../../../../server/http/responses.ts';
import { signedInUser } from '../../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../../server/runtime.ts';

export const prerender = false;

/** Signs off for the editor's sectors; the last sign-off publishes the line and rebuilds the site. */
export const POST: APIRoute = async ({ params, request, locals }) => {
  const id = proposalIdSchema.safeParse(params.id);
  if (!id.success) return apiError(404, 'proposal-not-found', 'Dit voorstel bestaat niet, of u mag het niet zien.');
  const outcome = await runtimeOf(locals).services.lines.signOff(id.data, signedInUser(locals));
  const published = outcome.ok && outcome.value.published;
  return answerLine(request, outcome, {
    status: 200,
    message: published
      ? `Alle partners hebben getekend: versie ${published.version} is vastgesteld. De site wordt nu bijgewerkt.`
      : 'Uw handtekening is opgeslagen.',
    location: () => proposalPath(id.data),
    fallback: proposalPath(id.data),
  });
};
