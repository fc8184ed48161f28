import type { APIRoute } from 'astro';
import { readInput } from '../../../server/http/read-input.ts';
import { apiError, json, seeOther, wantsJson } from '../../../server/http/responses.ts';
import { runtime } from '../../../server/runtime.ts';

export const prerender = false;

/** Public sign-up: `{ name, email, phone, channel }`; sends a confirmation link (email) or code (SMS). */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const input = await readInput(request);
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : '');
  const channel = text('channel') === 'sms' ? 'sms' : 'email';
  const result = await runtime().subscriptions.subscribe({ name: text('name'), email: text('email'), phone: text('phone'), channel }, clientAddress);
  if (wantsJson(request)) return result.ok ? json(202, { channel: result.channel }) : apiError(result.status, 'subscribe-failed', result.message);
  if (!result.ok) return seeOther('/aanmelden/', { fout: result.message });
  return seeOther(`/abonnement/bevestigen/?token=${encodeURIComponent(result.token)}`, {
    melding: channel === 'email' ? 'We hebben u een e-mail gestuurd. Klik op de link in die e-mail.' : 'We hebben u een sms met een code gestuurd. Vul de code hieronder in.',
  });
};
