/** At most this many failed logins per account and per IP address within the window. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Whether another login attempt is allowed, given the failures in the window for the
 * account and for the address. Pure: the caller counts.
 */
export function loginAllowed(failures: { forAccount: number; forAddress: number }): boolean {
  return failures.forAccount < MAX_FAILURES && failures.forAddress < MAX_FAILURES;
}
