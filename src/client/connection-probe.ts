/**
 * Asks Baken itself whether it answers: a cheap GET of `/api/health` past every cache, with a
 * short timeout. The worker does not store it (private path), so only the server can answer.
 */
import { routes } from '../catalog/routes.ts';
import { isCentralHub, isHubAnswer } from './connection-state.ts';

/** Longer than a slow local network needs, short enough that the banner soon tells the truth. */
const PROBE_TIMEOUT_MS = 4_000;

/** The parsed health answer, or undefined when nothing (or no JSON) came back in time. */
async function fetchHealth(): Promise<unknown> {
  try {
    const response = await fetch(routes.health, {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return await response.json();
  } catch {
    return undefined;
  }
}

/** True when Baken (the central hub or a local bundle) answered the health probe in time. */
export async function probeHub(): Promise<boolean> {
  return isHubAnswer(await fetchHealth());
}

/** True when the central hub itself answered: only it can take a form. */
export async function probeCentralHub(): Promise<boolean> {
  return isCentralHub(await fetchHealth());
}
