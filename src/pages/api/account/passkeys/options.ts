import type { APIRoute } from 'astro';
import { apiError, json } from '../../../../server/http/responses.ts';
import { webauthnSite } from '../../../../server/http/webauthn-site.ts';
import { runtime } from '../../../../server/runtime.ts';

export const prerender = false;

/** Options for adding a passkey to the logged-in account (navigator.credentials.create). */
export const POST: APIRoute = async ({ request, url, locals }) => {
  const { services, config } = runtime();
  const site = webauthnSite(request, url, config.publicUrl);
  if (!site) return apiError(400, 'no-browser', 'Een passkey voegt u toe in de browser, op de pagina Beveiliging.');
  return json(200, await services.passkeys.registrationOptions(locals.user!, site));
};
