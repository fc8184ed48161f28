import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { APIRoute } from 'astro';
import { z } from 'zod';
import type { LoginFailure } from '../../server/auth/login.ts';
import { readInput } from '../../server/http/read-input.ts';
import { apiError, json, seeOther, wantsJson } from '../../server/http/responses.ts';
import { clearSessionCookie, setSessionCookie } from '../../server/http/session-cookie.ts';
import { webauthnSite } from '../../server/http/webauthn-site.ts';
import { runtimeOf } from '../../server/runtime.ts';

export const prerender = false;

const loginSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1024),
  code: z.string().trim().max(64).optional(),
  // A passkey's answer (navigator.credentials.get), checked in full by @simplewebauthn/server.
  passkey: z
    .looseObject({ id: z.string().max(1024), type: z.literal('public-key'), response: z.looseObject({}) })
    .optional(),
  terug: z.string().optional(),
});

/** Where to go after login: only a console path of this site. */
const safeReturn = (path: string | undefined) =>
  path && /^\/coordinator(\/[\w\-/]*)?$/.test(path) ? path : '/coordinator/';

/** Status, code and Dutch message for each way a login can fail. */
function failure(result: LoginFailure): {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
} {
  switch (result.reason) {
    case 'throttled':
      return {
        status: 429,
        code: 'too-many-attempts',
        message: `Te veel mislukte pogingen. Wacht ${result.retryAfterSeconds === 1 ? '1 seconde' : `${result.retryAfterSeconds} seconden`} en probeer het dan opnieuw.`,
        headers: { 'Retry-After': String(result.retryAfterSeconds) },
      };
    case 'busy':
      return {
        status: 503,
        code: 'busy',
        message: 'Er wordt nu op veel plaatsen tegelijk ingelogd. Probeer het over een paar seconden opnieuw.',
        headers: { 'Retry-After': '2' },
      };
    case 'mfa-required':
      return {
        status: 401,
        code: 'mfa-required',
        message: 'Vul de code uit uw authenticator-app in, gebruik uw passkey, of vul een van uw herstelcodes in.',
      };
    case 'invalid-code':
      return {
        status: 401,
        code: 'invalid-code',
        message:
          'De code of passkey klopt niet, of de code is al gebruikt. Vul de nieuwe code uit uw authenticator-app in.',
      };
    case 'mfa-not-set-up':
      return {
        status: 403,
        code: 'mfa-not-set-up',
        message:
          'Voor dit account is nog geen tweede stap (authenticator-app) ingesteld. Vraag een beheerder om die in te stellen.',
      };
    case 'invalid':
      return { status: 401, code: 'invalid-credentials', message: 'De gebruikersnaam of het wachtwoord klopt niet.' };
  }
}

/**
 * Login: `{ username, password, code }` (or `passkey` instead of `code`) → 200 with the user
 * and a session cookie. Without a second factor: 401 `mfa-required` (with `passkey` options
 * when the account has passkeys and the request comes from a browser); wrong: 401; too many
 * failures from this address: 429 with Retry-After.
 */
export const POST: APIRoute = async ({ request, url, cookies, clientAddress, locals }) => {
  const asJson = wantsJson(request);
  const input = loginSchema.safeParse(await readInput(request));
  if (!input.success) {
    return asJson
      ? apiError(400, 'invalid-input', 'Vul een gebruikersnaam en een wachtwoord in.')
      : seeOther('/coordinator/inloggen/', { fout: 'Vul een gebruikersnaam en een wachtwoord in.' });
  }
  const { username, password, code, passkey, terug } = input.data;
  const { services, config } = runtimeOf(locals);
  const site = webauthnSite(request, url, config.publicUrl);
  const result = await services.login.login({
    username,
    password,
    code: code || undefined,
    passkey: passkey as AuthenticationResponseJSON | undefined,
    site,
    ip: clientAddress,
  });
  if (!result.ok) {
    const { status, code: errorCode, message, headers } = failure(result);
    if (asJson) {
      const response =
        result.reason === 'mfa-required' && result.passkeyOptions
          ? json(status, { error: { code: errorCode, message }, passkey: result.passkeyOptions })
          : apiError(status, errorCode, message);
      for (const [name, value] of Object.entries(headers ?? {})) response.headers.set(name, value);
      return response;
    }
    return seeOther(`/coordinator/inloggen/${terug ? `?terug=${encodeURIComponent(safeReturn(terug))}` : ''}`, {
      fout: message,
    });
  }
  setSessionCookie(cookies, result.sessionId);
  return asJson
    ? json(200, { user: { username: result.user.username, role: result.user.role } })
    : seeOther(safeReturn(terug));
};

/** Logout: ends the session server-side. */
export const DELETE: APIRoute = async ({ locals, cookies }) => {
  const { services } = runtimeOf(locals);
  if (locals.sessionId) {
    await services.sessions.destroy(locals.sessionId);
    if (locals.user)
      await services.audit.append({
        actor: locals.user.username,
        action: 'logout',
        subject: `user:${locals.user.username}`,
      });
  }
  clearSessionCookie(cookies);
  return json(200, { loggedOut: true });
};
