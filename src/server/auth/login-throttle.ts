/**
 * Login throttling without lockout (NIST SP 800-63B §5.2.2, OWASP ASVS 5.0 V6.3): after a
 * few free failures, every next attempt must wait a delay that doubles with each failure,
 * up to a short cap. Nobody can shut a coordinator out for long, and guessing stays slow.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export interface ThrottleRule {
  /** Failures allowed without any delay. */
  free: number;
  /** The delay after the first failure beyond the free ones; it doubles with each next one. */
  baseMs: number;
  maxMs: number;
}

/** Per account and source address: the guesses one attacker makes at one account. */
export const PAIR_RULE: ThrottleRule = { free: 3, baseMs: 1000, maxMs: 30_000 };
/** Per source address, over all accounts: one address trying many accounts. */
export const ADDRESS_RULE: ThrottleRule = { free: 20, baseMs: 1000, maxMs: 60_000 };

/** Failures counted for one rule: how many (in flight ones included) and when the last began. */
export interface FailureCount {
  failures: number;
  lastAt: number | null;
}

/** How long to wait after the last failure, given the number of failures. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** (failures - rule.free));
}

/** Milliseconds until another attempt is allowed (0: now). Pure: the caller counts. */
export function waitBeforeAttempt(now: number, counts: { pair: FailureCount; address: FailureCount }): number {
  const wait = (count: FailureCount, rule: ThrottleRule) =>
    count.lastAt === null ? 0 : count.lastAt + delayAfter(count.failures, rule) - now;
  return Math.max(0, wait(counts.pair, PAIR_RULE), wait(counts.address, ADDRESS_RULE));
}
