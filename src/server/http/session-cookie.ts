import type { AstroCookies } from 'astro';
import { SESSION_COOKIE } from '../auth/session-store.ts';

/** Sets the session cookie: `__Host-` prefixed, Secure, HttpOnly, SameSite=Strict, whole site. */
export function setSessionCookie(cookies: AstroCookies, sessionId: string): void {
  cookies.set(SESSION_COOKIE, sessionId, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
}
