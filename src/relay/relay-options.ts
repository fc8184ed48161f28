import { BakenError } from '../errors/baken-error.ts';

/** Seconds between fetches when BAKEN_UPSTREAM_POLL_SECONDS is not set. */
export const DEFAULT_POLL_SECONDS = 30;
/** How long one fetch from the central hub may take. */
export const FETCH_TIMEOUT_MS = 5_000;

export interface RelayOptions {
  /** Origin of the central hub, e.g. http://10.0.0.5:4321 */
  upstream: string;
  pollMs: number;
  /** Path of the central hub's public-key.json. */
  keyPath: string;
}

/** A relay setting is wrong; the message lists every bad one in Dutch. */
export class RelayOptionsError extends BakenError {
  constructor(problems: string[]) {
    super(
      'relay-options-invalid',
      `De instellingen voor het volgen van de centrale hub kloppen niet:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
}

/**
 * Reads BAKEN_UPSTREAM (address of the central hub), BAKEN_UPSTREAM_POLL_SECONDS and
 * BAKEN_UPSTREAM_KEY (its public-key.json; `defaultKeyPath` when not set). Undefined when
 * BAKEN_UPSTREAM is not set: then this hub follows nobody.
 */
export function parseRelayOptions(
  env: Record<string, string | undefined>,
  defaultKeyPath: string | undefined,
): RelayOptions | undefined {
  const { BAKEN_UPSTREAM: upstreamText, BAKEN_UPSTREAM_POLL_SECONDS: pollText, BAKEN_UPSTREAM_KEY: keyText } = env;
  if (!upstreamText) return undefined;
  const problems: string[] = [];
  let upstream = '';
  try {
    const url = new URL(upstreamText);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    if (url.username || url.password) throw new Error('credentials');
    upstream = url.origin;
  } catch {
    problems.push(
      `BAKEN_UPSTREAM: geef het adres van de centrale hub, zoals https://baken.example.nl (nu: ${JSON.stringify(upstreamText)})`,
    );
  }
  const seconds = pollText ? Number(pollText) : DEFAULT_POLL_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
    problems.push(
      `BAKEN_UPSTREAM_POLL_SECONDS: een aantal seconden van 0.1 tot 3600 (nu: ${JSON.stringify(pollText)})`,
    );
  }
  const keyPath = keyText || defaultKeyPath;
  if (!keyPath)
    problems.push(
      'BAKEN_UPSTREAM_KEY: geef het pad naar public-key.json van de centrale hub (in de map signing/ van de gegevensmap daar)',
    );
  if (problems.length > 0 || !keyPath) throw new RelayOptionsError(problems);
  return { upstream, pollMs: Math.round(seconds * 1000), keyPath };
}
