/**
 * Asks Baken itself whether it answers: a cheap GET of `/api/health` past every cache, with a
 * short timeout. The worker does not store it (private path), so only the server can answer.
 */
import { routes } from '../content/routes.ts';
import { isHubAnswer } from './connection-state.ts';

/** Longer than a slow local network needs, short enough that the banner soon tells the truth. */
const PROBE_TIMEOUT_MS = 4_000;

/** True when Baken answered the health probe in time. */
export async function probeHub(): Promise<boolean> {
  try {
    const response = await fetch(routes.health, { cache: 'no-store', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return isHubAnswer(await response.json());
  } catch {
    return false;
  }
}
