import type { APIRoute } from 'astro';
import { consolePath } from '../../../../server/http/broadcast-responses.ts';
import { apiError, json, seeOther, wantsJson } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** Sends the call-up's confirmation to the people chosen (the first `needed` who said yes), once → 200 `{ confirmed }`. */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const id = params.id ?? '';
  const outcome = await runtimeOf(locals).questions.confirm(id, signedInUser(locals));
  if (outcome.ok)
    return wantsJson(request)
      ? json(200, outcome.value)
      : seeOther(consolePath(id), { melding: `Bevestiging verstuurd aan ${outcome.value.confirmed} mensen.` });
  const { status, code, message } =
    'refusal' in outcome ? outcome.refusal : { status: 422, code: 'invalid-input', message: 'Dit kan niet.' };
  return wantsJson(request) ? apiError(status, code, message) : seeOther(consolePath(id), { fout: message });
};
