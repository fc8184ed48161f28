import type { ScriptStatus } from '../schemas/script.ts';

/** Dutch label and badge style for each script status. */
export const STATUS_LABEL: Record<ScriptStatus, string> = {
  vastgesteld: 'Vastgesteld',
  concept: 'Concept — nog niet vastgesteld',
  ingetrokken: 'Ingetrokken — niet gebruiken',
};

/** True when `geldig_tot` (YYYY-MM-DD) lies before `today` (YYYY-MM-DD). */
export function isExpired(geldigTot: string, today: string): boolean {
  return geldigTot < today;
}

/** Formats an ISO date (YYYY-MM-DD) the Dutch way, e.g. "1 september 2026". */
export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
