import { isMoSecret } from '../replies/mo-secret.ts';
import type { ReceiveResult } from '../replies/reply-service.ts';
import { runtimeOf } from '../runtime.ts';
import { apiError, json } from './responses.ts';

/** Longest number and text an incoming SMS may bring; a long SMS is ten parts. */
const MAX_FROM = 64;
const MAX_TEXT = 1_600;

/**
 * Handles one incoming SMS from a gateway: the secret first (compared in constant time, never
 * echoed), then the sizes, then the reply service. Errors never repeat what was sent.
 */
export async function receiveMo(
  locals: App.Locals,
  source: 'kannel' | 'http',
  given: string | null | undefined,
  from: unknown,
  text: unknown,
): Promise<Response> {
  const { replies, moSecret } = runtimeOf(locals);
  if (!isMoSecret(given, moSecret))
    return apiError(403, 'wrong-secret', 'Het geheim ontbreekt of klopt niet. Dit bericht is geweigerd.');
  if (typeof from !== 'string' || from.trim() === '' || from.length > MAX_FROM)
    return apiError(400, 'invalid-sender', `Geef de afzender (from), hoogstens ${MAX_FROM} tekens.`);
  if (typeof text !== 'string' || text.length > MAX_TEXT)
    return apiError(400, 'invalid-text', `Geef de tekst (text), hoogstens ${MAX_TEXT} tekens.`);
  const result: ReceiveResult = await replies.receiveSms(source, from, text);
  if (result.status === 'limited')
    return apiError(429, 'too-many-replies', 'Te veel berichten in korte tijd. Dit bericht is niet opgeslagen.');
  return json(200, { status: result.status });
}
