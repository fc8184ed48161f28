import type { APIRoute } from 'astro';
import { dutchProblems } from '../../../../../schemas/input-messages.ts';
import { proposalIdSchema, requestChangesSchema } from '../../../../../schemas/line-proposal.ts';
import { answerLine, invalidInput, proposalPath } from '../../../../../server/http/line-responses.ts';
import { readInput } from '../../../../../server/http/read-input.ts';
import { apiError } from '../../../../../server/http/responses.ts';
import { signedInUser } from '../../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../../server/runtime.ts';

export const prerender = false;

/** A partner asks for changes: `{comment}`; signing waits until the proposer sends a new version. */
export const POST: APIRoute = async ({ params, request, locals }) => {
  const id = proposalIdSchema.safeParse(params.id);
  if (!id.success) return apiError(404, 'proposal-not-found', 'Dit voorstel bestaat niet, of u mag het niet zien.');
  const input = requestChangesSchema.safeParse(await readInput(request));
  if (!input.success) return invalidInput(request, dutchProblems(input.error), proposalPath(id.data));
  const outcome = await runtimeOf(locals).services.lines.requestChanges(
    id.data,
    input.data.comment,
    signedInUser(locals),
  );
  return answerLine(request, outcome, {
    status: 200,
    message: 'Uw verzoek om wijzigingen is doorgegeven aan de indiener.',
    location: () => proposalPath(id.data),
    fallback: proposalPath(id.data),
  });
};
