const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

/**
 * Formats a moment the Dutch way, in Dutch time, e.g. "23 november 2025 om 10:35". Pages,
 * the browser scripts and the service worker all use it, so a date reads the same everywhere.
 */
export function formatDateTime(date: Date): string {
  return DATE_TIME.format(date);
}
