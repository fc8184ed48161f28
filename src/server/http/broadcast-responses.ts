import type { Broadcast } from '../../schemas/broadcast.ts';
import { summarizeProblems } from '../../schemas/input-messages.ts';
import type { Outcome } from '../broadcast/outcome.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import { apiError, json, seeOther, wantsJson } from './responses.ts';

/** Console page of a broadcast. */
export const consolePath = (id: string) => `/coordinator/berichten/${id}/`;

/** The API view of a broadcast: its fields plus delivery counts per channel and state. */
export async function broadcastView(broadcast: Broadcast, outbox: OutboxStore) {
  const delivery: Record<string, Record<string, number>> = {};
  for (const { channel, status, count } of await outbox.counts(broadcast.id)) {
    delivery[channel] ??= {};
    delivery[channel][status] = count;
  }
  return { ...broadcast, delivery };
}

/**
 * Answers a broadcast action: JSON for the API, a redirect with a message for a console form.
 * `fallback` is where a refused form goes back to.
 */
export async function answer(
  request: Request,
  outcome: Outcome<Broadcast>,
  options: { status: number; message: string; outbox: OutboxStore; fallback: string },
): Promise<Response> {
  const asJson = wantsJson(request);
  if (outcome.ok) {
    return asJson
      ? json(options.status, await broadcastView(outcome.value, options.outbox))
      : seeOther(consolePath(outcome.value.id), { melding: options.message });
  }
  if ('refusal' in outcome) {
    const { status, code, message } = outcome.refusal;
    return asJson ? apiError(status, code, message) : seeOther(options.fallback, { fout: message });
  }
  const message = summarizeProblems(outcome.invalid);
  return asJson
    ? apiError(422, 'invalid-input', message, outcome.invalid)
    : seeOther(options.fallback, { fout: message });
}
