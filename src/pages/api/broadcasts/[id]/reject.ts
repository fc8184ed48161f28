import type { APIRoute } from 'astro';
import { rejectBroadcastSchema } from '../../../../schemas/broadcast.ts';
import { dutchProblems, summarizeProblems } from '../../../../schemas/input-messages.ts';
import { answer, consolePath } from '../../../../server/http/broadcast-responses.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { apiError, seeOther, wantsJson } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/**
 * Sends a submitted broadcast back to draft with a reason: `{ reason }` → 200. Refused with
 * 403 for its author and 409 when it does not wait for approval.
 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { services } = runtimeOf(locals);
  const id = params.id ?? '';
  const input = rejectBroadcastSchema.safeParse(await readInput(request));
  if (!input.success) {
    const problems = dutchProblems(input.error);
    const message = summarizeProblems(problems);
    return wantsJson(request)
      ? apiError(422, 'invalid-input', message, problems)
      : seeOther(`${consolePath(id)}#terugsturen`, {
          fout: 'Schrijf waarom u het bericht terugstuurt, zodat de schrijver weet wat er anders moet.',
        });
  }
  const outcome = await services.broadcastService.reject(id, input.data.reason, signedInUser(locals));
  return answer(request, outcome, {
    status: 200,
    message: 'Teruggestuurd naar de schrijver, met uw reden.',
    outbox: services.outbox,
    fallback: consolePath(id),
  });
};
