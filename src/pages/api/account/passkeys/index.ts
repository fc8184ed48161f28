import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { apiError, json } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { webauthnSite } from '../../../../server/http/webauthn-site.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

const registrationSchema = z.looseObject({
  id: z.string().max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({}),
});

/** The passkeys of the logged-in account. */
export const GET: APIRoute = async ({ locals }) =>
  json(200, { passkeys: await runtimeOf(locals).services.passkeys.list(signedInUser(locals).id) });

/** Adds a passkey: the browser's answer to the options from `options` → 201. */
export const POST: APIRoute = async ({ request, url, locals }) => {
  const { services, config } = runtimeOf(locals);
  const site = webauthnSite(request, url, config.publicUrl);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = undefined;
  }
  const input = registrationSchema.safeParse(body);
  if (!site || !input.success)
    return apiError(400, 'invalid-input', 'Dit antwoord van de passkey is niet te lezen. Probeer het opnieuw.');
  const user = signedInUser(locals);
  if (!(await services.passkeys.register(user, input.data as unknown as RegistrationResponseJSON, site))) {
    return apiError(422, 'passkey-refused', 'De passkey kon niet worden gecontroleerd. Probeer het opnieuw.');
  }
  await services.audit.append({ actor: user.username, action: 'user.passkey-added', subject: `user:${user.username}` });
  return json(201, { passkeys: await services.passkeys.list(user.id) });
};
