import { describe, expect, it } from 'vitest';
import { ADDRESS_RULE, delayAfter, PAIR_RULE, waitBeforeAttempt } from '../../src/server/auth/login-throttle.ts';

describe('login throttle policy', () => {
  it('lets the first failures through, then doubles a short delay up to a cap of seconds, never a lockout', () => {
    expect([0, 1, 2].map((n) => delayAfter(n, PAIR_RULE))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map((n) => delayAfter(n, PAIR_RULE))).toEqual([1000, 2000, 4000, 8000]);
    expect(delayAfter(1000, PAIR_RULE)).toBe(30_000);
    expect(delayAfter(1000, ADDRESS_RULE)).toBe(60_000);
  });

  it('waits for whichever rule asks longest, counted from the last failure', () => {
    const now = 1_000_000;
    expect(
      waitBeforeAttempt(now, { pair: { failures: 0, lastAt: null }, address: { failures: 0, lastAt: null } }),
    ).toBe(0);
    expect(
      waitBeforeAttempt(now, { pair: { failures: 4, lastAt: now - 500 }, address: { failures: 4, lastAt: now - 500 } }),
    ).toBe(1500);
    expect(
      waitBeforeAttempt(now, {
        pair: { failures: 4, lastAt: now - 5000 },
        address: { failures: 4, lastAt: now - 5000 },
      }),
    ).toBe(0);
    expect(waitBeforeAttempt(now, { pair: { failures: 0, lastAt: now }, address: { failures: 25, lastAt: now } })).toBe(
      32_000,
    );
  });
});
