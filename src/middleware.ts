import { defineMiddleware } from 'astro:middleware';
import { consoleHome, mayUse } from './server/auth/role-access.ts';
import { SESSION_COOKIE } from './server/auth/session-store.ts';
import { apiError } from './server/http/responses.ts';
import { isSameOriginRequest } from './server/http/same-origin.ts';
import { refuseAcrossTrainingMode } from './server/http/training-guard.ts';
import { runtimeOf } from './server/runtime.ts';

// API paths anyone may call: login, public data, gateway callbacks, subscriptions.
const PUBLIC_API = [
  /^\/api\/session\/?$/,
  /^\/api\/public\//,
  /^\/api\/dlr\//,
  /^\/api\/health\/?$/,
  /^\/api\/abonnement\//,
  // i16-replies: incoming SMS from gateways (the secret is checked by the route).
  /^\/api\/mo\//,
];

/**
 * For everything rendered on demand: refuse cross-origin state changes, find the session,
 * and keep the console and the private API behind a login.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const { pathname } = context.url;
  if (
    !isSameOriginRequest(
      context.request.method,
      context.url,
      context.request.headers,
      runtimeOf(context.locals).config.publicUrl,
    )
  ) {
    // Not audited: anyone can send these, and the log must not grow with what strangers send.
    return apiError(403, 'cross-origin', 'Dit verzoek komt van een andere website en is geweigerd.');
  }
  const isConsole = pathname.startsWith('/coordinator');
  const isApi = pathname.startsWith('/api/');
  if (!isConsole && !isApi) return withCharset(await next());

  const sessionId = context.cookies.get(SESSION_COOKIE)?.value;
  const user = sessionId ? await runtimeOf(context.locals).services.sessions.resolve(sessionId) : undefined;
  if (user && sessionId) {
    context.locals.user = user;
    context.locals.sessionId = sessionId;
  }
  if (isApi && !user && !PUBLIC_API.some((pattern) => pattern.test(pathname))) {
    return apiError(401, 'not-logged-in', 'U bent niet ingelogd, of uw sessie is verlopen. Log opnieuw in.');
  }
  if (isConsole && !user && !pathname.startsWith('/coordinator/inloggen')) {
    return context.redirect(`/coordinator/inloggen/?terug=${encodeURIComponent(pathname)}`, 303);
  }
  if (user && !PUBLIC_API.some((pattern) => pattern.test(pathname)) && !mayUse(user.role, pathname)) {
    if (isConsole && context.request.method === 'GET') return context.redirect(consoleHome(user.role), 303);
    return apiError(
      403,
      'wrong-role',
      'Dit hoort niet bij uw rol. Redacteuren stellen lijnen vast; coördinatoren versturen berichten.',
    );
  }
  const refused = await refuseAcrossTrainingMode(context);
  if (refused) return refused;
  const response = withCharset(await next());
  if (isConsole) response.headers.set('Cache-Control', 'no-store');
  return response;
});

/** Astro sends pages as plain `text/html`; say the charset, as the prebuilt pages do. */
function withCharset(response: Response): Response {
  if (response.headers.get('content-type') === 'text/html')
    response.headers.set('content-type', 'text/html; charset=utf-8');
  return response;
}
