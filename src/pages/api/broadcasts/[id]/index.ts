import type { APIRoute } from 'astro';
import { updateBroadcastSchema } from '../../../../schemas/broadcast.ts';
import { dutchProblems, summarizeProblems } from '../../../../schemas/input-messages.ts';
import { answer, broadcastView, consolePath } from '../../../../server/http/broadcast-responses.ts';
import { questionFields } from '../../../../server/http/question-fields.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { apiError, json } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { deliverySummaryOf } from '../../../../server/outbox/delivery-summary.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/**
 * A broadcast with its status, delivery counts per channel and state, what still waits per
 * provider and why, and how many people it reaches (`recipients`, once it names lists or,
 * for a follow-up, has an original). A call-up or roll-call adds `needed`, `pools`,
 * `escalate_after_minutes`, `replies` (per keyword, `unclear`, `none`) and `escalation`.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const { services, questions } = runtimeOf(locals);
  const broadcast = await services.broadcasts.get(params.id ?? '');
  if (!broadcast) return apiError(404, 'unknown-broadcast', 'Dit bericht bestaat niet.');
  const summary = await deliverySummaryOf(services.outbox, broadcast.id);
  const recipients = await services.broadcastService.recipientCount(broadcast);
  return json(200, {
    ...(await broadcastView(broadcast, services.outbox)),
    recipients,
    summary,
    failures: await services.outbox.failures(broadcast.id, 50),
    waiting: await services.outbox.waiting(broadcast.id),
    ...questionFields(await questions.view(broadcast.id)),
  });
};

/**
 * Changes a draft of one's own: any of `{ script, channels, lists, training, fields, severity, area }`,
 * and for a call-up or roll-call `needed`, `pools` and `escalate_after_minutes` (null: no escalation) → 200.
 */
export const PATCH: APIRoute = async ({ request, params, locals }) => {
  const { services, questions } = runtimeOf(locals);
  const input = updateBroadcastSchema.safeParse(await readInput(request));
  if (!input.success) {
    const problems = dutchProblems(input.error);
    return apiError(422, 'invalid-input', summarizeProblems(problems), problems);
  }
  const outcome = await questions.update(params.id ?? '', input.data, signedInUser(locals));
  return answer(request, outcome, {
    status: 200,
    message: 'Het concept is bijgewerkt.',
    outbox: services.outbox,
    fallback: consolePath(params.id ?? ''),
  });
};

/** Deletes a draft of one's own → 204. */
export const DELETE: APIRoute = async ({ params, locals }) => {
  const { services } = runtimeOf(locals);
  const outcome = await services.broadcastService.delete(params.id ?? '', signedInUser(locals));
  if (outcome.ok) return new Response(null, { status: 204 });
  return 'refusal' in outcome
    ? apiError(outcome.refusal.status, outcome.refusal.code, outcome.refusal.message)
    : apiError(422, 'invalid-input', summarizeProblems(outcome.invalid), outcome.invalid);
};
