import type { User } from '../auth/user-store.ts';

/**
 * The coordinator of a request behind the login. The middleware answers 401 (API) or sends
 * to the login page before any such route runs, so a missing user here is a bug: it fails
 * loudly (a 500) instead of acting for nobody.
 */
export function signedInUser(locals: App.Locals): User & { training: boolean } {
  if (!locals.user) throw new Error('Baken: deze route hoort achter de login, maar er is geen gebruiker.');
  return locals.user;
}

/** The session id of a request behind the login (see signedInUser). */
export function signedInSession(locals: App.Locals): string {
  if (!locals.sessionId) throw new Error('Baken: deze route hoort achter de login, maar er is geen sessie.');
  return locals.sessionId;
}
