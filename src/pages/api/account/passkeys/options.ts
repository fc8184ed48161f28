import type { APIRoute } from 'astro';
import { refuseWithoutPassword } from '../../../../server/http/confirm-password.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { apiError, json } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { webauthnSite } from '../../../../server/http/webauthn-site.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** Options for adding a passkey to the logged-in account (navigator.credentials.create), after `{ password }`. */
export const POST: APIRoute = async ({ request, url, locals, clientAddress }) => {
  const { services, config } = runtimeOf(locals);
  const site = webauthnSite(request, url, config.publicUrl);
  if (!site) return apiError(400, 'no-browser', 'Een passkey voegt u toe in de browser, op de pagina Beveiliging.');
  const refused = await refuseWithoutPassword(
    services.login,
    signedInUser(locals),
    (await readInput(request)).password,
    clientAddress,
    true,
  );
  if (refused) return refused;
  return json(200, await services.passkeys.registrationOptions(signedInUser(locals), site));
};
