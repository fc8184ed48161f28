import type { APIRoute } from 'astro';
import { z } from 'zod';
import { apiError, json, seeOther, wantsJson } from '../../server/http/responses.ts';
import { readInput } from '../../server/http/read-input.ts';
import { clearSessionCookie, setSessionCookie } from '../../server/http/session-cookie.ts';
import { runtime } from '../../server/runtime.ts';

export const prerender = false;

const loginSchema = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(1024), terug: z.string().optional() });

/** Where to go after login: only a console path of this site. */
const safeReturn = (path: string | undefined) => (path && /^\/coordinator(\/[\w\-/]*)?$/.test(path) ? path : '/coordinator/');

/** Login: `{ username, password }` → 200 with the user and a session cookie; 401 wrong; 429 too many failures. */
export const POST: APIRoute = async ({ request, cookies, clientAddress }) => {
  const asJson = wantsJson(request);
  const input = loginSchema.safeParse(await readInput(request));
  if (!input.success) {
    return asJson ? apiError(400, 'invalid-input', 'Vul een gebruikersnaam en een wachtwoord in.') : seeOther('/coordinator/inloggen/', { fout: 'Vul een gebruikersnaam en een wachtwoord in.' });
  }
  const result = await runtime().services.login.login(input.data.username, input.data.password, clientAddress);
  if (!result.ok) {
    const throttled = result.reason === 'throttled';
    const message = throttled ? 'Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.' : 'De gebruikersnaam of het wachtwoord klopt niet.';
    return asJson ? apiError(throttled ? 429 : 401, throttled ? 'too-many-attempts' : 'invalid-credentials', message) : seeOther('/coordinator/inloggen/', { fout: message });
  }
  setSessionCookie(cookies, result.sessionId);
  return asJson ? json(200, { user: { username: result.user.username, role: result.user.role } }) : seeOther(safeReturn(input.data.terug));
};

/** Logout: ends the session server-side. */
export const DELETE: APIRoute = ({ locals, cookies }) => {
  const { services } = runtime();
  if (locals.sessionId) {
    services.sessions.destroy(locals.sessionId);
    if (locals.user) services.audit.append({ actor: locals.user.username, action: 'logout', subject: `user:${locals.user.username}` });
  }
  clearSessionCookie(cookies);
  return json(200, { loggedOut: true });
};
