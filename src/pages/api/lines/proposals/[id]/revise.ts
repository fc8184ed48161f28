import type { APIRoute } from 'astro';
import { dutchProblems } from '../../../../../schemas/input-messages.ts';
import { proposalIdSchema, reviseLineSchema } from '../../../../../schemas/line-proposal.ts';
import { answerLine, invalidInput, proposalPath } from '../../../../../server/http/line-responses.ts';
import { readInput } from '../../../../../server/http/read-input.ts';
import { apiError } from '../../../../../server/http/responses.ts';
import { signedInUser } from '../../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../../server/runtime.ts';

export const prerender = false;

/** The proposer sends a new text: `{markdown}`; the sign-offs start again. */
export const POST: APIRoute = async ({ params, request, locals }) => {
  const id = proposalIdSchema.safeParse(params.id);
  if (!id.success) return apiError(404, 'proposal-not-found', 'Dit voorstel bestaat niet, of u mag het niet zien.');
  const raw = await readInput(request);
  const input = reviseLineSchema.safeParse(raw);
  const back = `${proposalPath(id.data)}bewerken/`;
  if (!input.success) return invalidInput(request, dutchProblems(input.error), back);
  const outcome = await runtimeOf(locals).services.lines.revise(id.data, input.data.markdown, signedInUser(locals));
  return answerLine(request, outcome, {
    status: 200,
    message: 'De nieuwe versie van het voorstel is opgeslagen. De partners tekenen opnieuw.',
    location: () => proposalPath(id.data),
    fallback: back,
    typed: { markdown: input.data.markdown },
  });
};
