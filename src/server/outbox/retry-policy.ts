import type { FailureKind } from '../transports/transport.ts';

export interface RetryOptions {
  /** Attempts (including the first) before a transient failure counts as given up. */
  maxAttempts: number;
  /** Delay before the second attempt, doubling each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Five retries within about half a minute, then the recipient's fallback channel. */
export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export type Decision = { action: 'retry'; delayMs: number } | { action: 'fallback' } | { action: 'fail' };

/**
 * What to do after a failed send. Transient failures (SMTP 4xx, connection loss, HTTP
 * 429/5xx) retry with exponential backoff and jitter until the attempts run out; permanent
 * ones (SMTP 5xx, invalid number) never retry. A failure that gives up goes to the
 * recipient's fallback channel when there is one, and fails otherwise.
 *
 * `random` is a number in [0, 1): the jitter spreads retries so they do not arrive at once.
 */
export function decideAfterFailure(
  failure: { kind: FailureKind; attempts: number; hasFallback: boolean },
  random: number,
  options: RetryOptions = DEFAULT_RETRY,
): Decision {
  if (failure.kind === 'transient' && failure.attempts < options.maxAttempts) {
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failure.attempts - 1));
    // "Equal jitter": at least half the backoff, plus a random part of the other half.
    return { action: 'retry', delayMs: Math.round(ceiling / 2 + (random * ceiling) / 2) };
  }
  return failure.hasFallback ? { action: 'fallback' } : { action: 'fail' };
}
