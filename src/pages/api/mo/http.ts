import type { APIRoute } from 'astro';
import { receiveMo } from '../../../server/http/mo-route.ts';
import { readInput } from '../../../server/http/read-input.ts';

export const prerender = false;

const first = (input: Record<string, unknown>, names: string[]) =>
  names.map((name) => input[name]).find((v) => v !== undefined);

/**
 * Inbound webhook of an HTTP SMS provider: JSON or a form with the sender (`from`, `msisdn`,
 * `originator` or `sender`) and the text (`text`, `body` or `message`); the token as
 * `Authorization: Bearer …` (or a `secret` field, for providers that cannot set headers).
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const input = await readInput(request);
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const secret = bearer ?? (typeof input.secret === 'string' ? input.secret : null);
  return receiveMo(
    locals,
    'http',
    secret,
    first(input, ['from', 'msisdn', 'originator', 'sender']),
    first(input, ['text', 'body', 'message']) ?? '',
  );
};
