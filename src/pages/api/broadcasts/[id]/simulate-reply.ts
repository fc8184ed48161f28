import type { APIRoute } from 'astro';
import { z } from 'zod';
import { consolePath } from '../../../../server/http/broadcast-responses.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { apiError, json, seeOther, wantsJson } from '../../../../server/http/responses.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

const simulateSchema = z.strictObject({
  /** Id of a person who was asked; their number is the sender. */
  subscriber: z.coerce.number().int().min(1),
  text: z.string().max(1_600),
});

/**
 * The reply simulator of an exercise: a reply "from" a person who was asked, as if it came by
 * SMS. Only for exercises; live replies come only from the gateways.
 */
export const POST: APIRoute = async ({ request, params, locals }) => {
  const { services, questions, replies } = runtimeOf(locals);
  const id = params.id ?? '';
  const back = (message: { melding?: string; fout?: string }, status: number, code: string) =>
    wantsJson(request)
      ? message.fout
        ? apiError(status, code, message.fout)
        : json(status, { status: code })
      : seeOther(consolePath(id), message);
  const broadcast = await services.broadcasts.get(id);
  if (!broadcast) return apiError(404, 'unknown-broadcast', 'Dit bericht bestaat niet.');
  if (!broadcast.training)
    return back({ fout: 'Antwoorden nabootsen kan alleen bij een oefening.' }, 403, 'not-training');
  const input = simulateSchema.safeParse(await readInput(request));
  if (!input.success)
    return back({ fout: 'Kies een persoon en typ een antwoord (hoogstens 1600 tekens).' }, 422, 'invalid-input');
  const person = (await questions.recipients(id)).find((r) => r.subscriberId === input.data.subscriber);
  if (!person?.phone) return back({ fout: 'Deze persoon kreeg de vraag niet per sms.' }, 404, 'unknown-person');
  const result = await replies.receiveSms('simulator', person.phone, input.data.text);
  if (result.status === 'limited')
    return back({ fout: 'Te veel antwoorden van deze persoon in korte tijd.' }, 429, 'too-many-replies');
  return back({ melding: `Nagebootst antwoord van ${person.name} verwerkt.` }, 200, result.status);
};
