import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './auth/session-store.ts';
import type { Services } from './services.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** What one round of pruning removed, per kind. */
export interface PruneResult {
  loginAttempts: number;
  sessions: number;
  rateEvents: number;
  confirmations: number;
}

/**
 * Removes what strangers' requests leave behind once it no longer counts for anything: login
 * attempts and rate-limit events older than a day (every window is shorter), expired
 * sessions, and confirmation codes a day after they ran out.
 */
export async function pruneOldRows(
  services: Pick<Services, 'retention' | 'rateEvents' | 'confirmations'>,
  now: number,
): Promise<PruneResult> {
  const { retention } = services;
  return {
    loginAttempts: await retention.pruneLoginAttempts(now - DAY),
    sessions: await retention.pruneSessions(now - IDLE_TIMEOUT_MS, now - ABSOLUTE_TIMEOUT_MS),
    rateEvents: await services.rateEvents.prune(now - DAY),
    confirmations: await services.confirmations.prune(now - DAY),
  };
}

/** Prunes now and then every 10 minutes; the timer does not keep the process alive. */
export function startHousekeeping(
  services: Pick<Services, 'retention' | 'rateEvents' | 'confirmations' | 'clock'>,
): () => void {
  const run = () => {
    pruneOldRows(services, services.clock.now().getTime()).catch((error: unknown) => {
      console.error('Baken: opruimen van oude gegevens mislukt:', error);
    });
  };
  run();
  const timer = setInterval(run, 10 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
