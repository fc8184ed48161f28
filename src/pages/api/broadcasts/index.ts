import type { APIRoute } from 'astro';
import { createBroadcastSchema } from '../../../schemas/broadcast.ts';
import { dutchProblems, summarizeProblems } from '../../../schemas/input-messages.ts';
import { answer } from '../../../server/http/broadcast-responses.ts';
import { readInput } from '../../../server/http/read-input.ts';
import { apiError, json, seeOther, wantsJson } from '../../../server/http/responses.ts';
import { signedInUser } from '../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../server/runtime.ts';

export const prerender = false;

/** Lists the newest broadcasts. */
export const GET: APIRoute = async ({ locals }) =>
  json(200, { broadcasts: await runtimeOf(locals).services.broadcasts.list(100) });

/**
 * Creates a draft from a script: `{ script, channels, lists, training, fields, severity?, area? }` → 201;
 * a call-up or roll-call line also takes `needed`, `pools` and `escalate_after_minutes`.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const { services } = runtimeOf(locals);
  const raw = await readInput(request, ['channels', 'lists', 'pools']);
  // In training mode every new broadcast is an exercise, whatever the form says.
  if (locals.user?.training) raw.training = true;
  const input = createBroadcastSchema.safeParse(raw);
  const back = `/coordinator/nieuw/${typeof raw.script === 'string' ? `?script=${encodeURIComponent(raw.script)}` : ''}`;
  if (!input.success) {
    const problems = dutchProblems(input.error);
    const message = summarizeProblems(problems);
    return wantsJson(request) ? apiError(422, 'invalid-input', message, problems) : seeOther(back, { fout: message });
  }
  // Call-ups and roll-calls also keep their question, pools and escalation (replies/question-service.ts).
  const outcome = await runtimeOf(locals).questions.create(input.data, signedInUser(locals));
  return answer(request, outcome, {
    status: 201,
    message: 'Het concept is opgeslagen. Bied het aan ter goedkeuring.',
    outbox: services.outbox,
    fallback: back,
  });
};
