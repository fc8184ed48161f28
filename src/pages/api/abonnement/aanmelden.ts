import type { APIRoute } from 'astro';
import { readInput } from '../../../server/http/read-input.ts';
import { apiError, json, seeOther, wantsJson } from '../../../server/http/responses.ts';
import { runtimeOf } from '../../../server/runtime.ts';

export const prerender = false;

/**
 * Public sign-up: `{ name, email, phone, channel }`. Sends a code to every contact given.
 * The answer is the same for a new and a known address, and carries no token or data:
 * only a reference to the page where the code is typed.
 */
export const POST: APIRoute = async ({ request, clientAddress, locals }) => {
  const input = await readInput(request);
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string).slice(0, 400) : '');
  const values = {
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    channel: text('channel') || 'email',
  };
  const result = await runtimeOf(locals).subscriptions.subscribe(values, clientAddress);
  if (wantsJson(request)) {
    if (result.ok) return json(202, { channel: result.channel, ref: result.ref });
    return apiError(
      result.status,
      'subscribe-failed',
      result.message,
      result.field ? [{ field: result.field, message: result.message }] : undefined,
    );
  }
  if (!result.ok) return seeOther('/abonnement/aanmelden/', { fout: result.message, waarden: values });
  return seeOther(`/abonnement/bevestigen/?ref=${encodeURIComponent(result.ref)}`, {
    melding:
      result.channel === 'email'
        ? 'Wij hebben u een e-mail met een code gestuurd. Vul de code hieronder in, of open de link in de e-mail.'
        : 'Wij hebben u een sms met een code gestuurd. Vul de code hieronder in.',
  });
};
