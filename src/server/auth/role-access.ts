import type { Role } from './user-store.ts';

// What every account may use: logging out, its own second factor and passkeys, the login page.
const SHARED = [
  /^\/api\/session(\/|$)/,
  /^\/api\/account\//,
  /^\/coordinator\/beveiliging(\/|$)/,
  /^\/coordinator\/inloggen(\/|$)/,
];
// The editors' part: agreeing the lines.
const EDITOR = [/^\/api\/lines(\/|$)/, /^\/coordinator\/lijnen(\/|$)/];

/**
 * Whether an account of `role` may use `pathname` (a console page or a private API route).
 * Editors agree lines and nothing else; coordinators and administrators send messages and
 * never sign off a line. Enforced in the middleware, so a hidden button is never the only
 * guard.
 */
export function mayUse(role: Role, pathname: string): boolean {
  if (SHARED.some((pattern) => pattern.test(pathname))) return true;
  const editorPath = EDITOR.some((pattern) => pattern.test(pathname));
  return role === 'editor' ? editorPath : !editorPath;
}

/** Where an account starts in the console. */
export function consoleHome(role: Role): string {
  return role === 'editor' ? '/coordinator/lijnen/' : '/coordinator/';
}
