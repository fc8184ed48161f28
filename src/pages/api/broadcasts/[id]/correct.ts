import type { APIRoute } from 'astro';
import { correctBroadcastSchema } from '../../../../schemas/broadcast.ts';
import { dutchProblems, summarizeProblems } from '../../../../schemas/input-messages.ts';
import { answer, consolePath } from '../../../../server/http/broadcast-responses.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { apiError } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** Starts a correction draft (CAP Update) for a published broadcast: `{ fields? }` → 201. */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { services } = runtimeOf(locals);
  const id = params.id ?? '';
  const input = correctBroadcastSchema.safeParse(await readInput(request));
  if (!input.success) {
    const problems = dutchProblems(input.error);
    return apiError(422, 'invalid-input', summarizeProblems(problems), problems);
  }
  const outcome = await services.broadcastService.correct(id, input.data.fields, signedInUser(locals));
  return answer(request, outcome, {
    status: 201,
    message: 'Correctie klaargezet. Controleer de tekst en bied hem aan ter goedkeuring.',
    outbox: services.outbox,
    fallback: consolePath(id),
  });
};
