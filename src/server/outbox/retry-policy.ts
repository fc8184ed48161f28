import type { FailureKind } from '../transports/transport.ts';

export interface RetryOptions {
  /** How long a message keeps trying after its first trouble (a failure or no provider to take it). */
  horizonMs: number;
  /** Delay before the second attempt, doubling each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this long in trouble a message goes to the recipient's other channel, when they have one. */
  fallbackAfterMs: number;
}

/**
 * Made for an outage, not a hiccup: a message keeps trying for 12 hours (GOV.UK Notify tries
 * a text for about 4 hours), at most 5 minutes apart; after 10 minutes of trouble a person
 * with a second channel is reached on that one instead. A broadcast's validity (24 hours by
 * default) ends the trying earlier when it runs out.
 */
export const DEFAULT_RETRY: RetryOptions = {
  horizonMs: 12 * 3_600_000,
  baseDelayMs: 5_000,
  maxDelayMs: 300_000,
  fallbackAfterMs: 600_000,
};

export type Decision = { action: 'retry'; delayMs: number } | { action: 'fallback' } | { action: 'fail' };

/** The capped exponential backoff before attempt `attempts + 1`, with "equal jitter" (`random` in [0, 1)). */
export function backoffMs(attempts: number, random: number, options: RetryOptions = DEFAULT_RETRY): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  // At least half the backoff, plus a random part of the other half: retries spread out but never bunch at zero.
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/**
 * What to do after a failed send. Transient failures (SMTP 4xx, connection loss, HTTP
 * 429/5xx) retry with capped exponential backoff until `horizonMs` after the first trouble;
 * permanent ones (SMTP 5xx, invalid number) never retry. A message in trouble for
 * `fallbackAfterMs` — or one that gives up — goes to the recipient's other channel when
 * there is one, and fails otherwise.
 */
export function decideAfterFailure(
  failure: { kind: FailureKind; attempts: number; troubleSince: number; now: number; hasFallback: boolean },
  random: number,
  options: RetryOptions = DEFAULT_RETRY,
): Decision {
  const inTrouble = failure.now - failure.troubleSince;
  if (failure.kind === 'permanent') return failure.hasFallback ? { action: 'fallback' } : { action: 'fail' };
  if (failure.hasFallback && inTrouble >= options.fallbackAfterMs) return { action: 'fallback' };
  if (inTrouble < options.horizonMs) return { action: 'retry', delayMs: backoffMs(failure.attempts, random, options) };
  return failure.hasFallback ? { action: 'fallback' } : { action: 'fail' };
}

/**
 * What to do with a message no provider could take (every circuit open): it waits without
 * using an attempt until `retryAt`, unless it has been in trouble long enough to fall back
 * or to give up.
 */
export function decideWhenUnavailable(
  wait: { troubleSince: number; now: number; retryAt: number; hasFallback: boolean },
  options: RetryOptions = DEFAULT_RETRY,
): Decision {
  const inTrouble = wait.now - wait.troubleSince;
  if (wait.hasFallback && inTrouble >= options.fallbackAfterMs) return { action: 'fallback' };
  if (inTrouble < options.horizonMs) return { action: 'retry', delayMs: Math.max(0, wait.retryAt - wait.now) };
  return wait.hasFallback ? { action: 'fallback' } : { action: 'fail' };
}
