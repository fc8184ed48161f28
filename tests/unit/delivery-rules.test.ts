import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/server/outbox/circuit-breaker.ts';
import { summarizeDelivery } from '../../src/server/outbox/delivery-summary.ts';
import { RateLimiter } from '../../src/server/outbox/rate-limiter.ts';
import { decideAfterFailure, DEFAULT_RETRY } from '../../src/server/outbox/retry-policy.ts';
import { fallbackChannel, firstChannel } from '../../src/server/subscribers/pick-channel.ts';

describe('decideAfterFailure', () => {
  it('retries a transient failure with exponential backoff and jitter inside [half, full] of the ceiling', () => {
    const delays = [1, 2, 3, 4, 5].map((attempts) => {
      const low = decideAfterFailure({ kind: 'transient', attempts, hasFallback: true }, 0);
      const high = decideAfterFailure({ kind: 'transient', attempts, hasFallback: true }, 0.999);
      return [low, high].map((d) => (d.action === 'retry' ? d.delayMs : -1));
    });
    expect(delays).toEqual([
      [500, 1000],
      [1000, 1999],
      [2000, 3998],
      [4000, 7996],
      [8000, 15992],
    ]);
  });

  it('caps the delay at the maximum', () => {
    const decision = decideAfterFailure({ kind: 'transient', attempts: 5, hasFallback: false }, 1, { maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 3000 });
    expect(decision).toEqual({ action: 'retry', delayMs: 3000 });
  });

  it('never retries a permanent failure: fallback when there is one, else fail', () => {
    expect(decideAfterFailure({ kind: 'permanent', attempts: 1, hasFallback: true }, 0.5)).toEqual({ action: 'fallback' });
    expect(decideAfterFailure({ kind: 'permanent', attempts: 1, hasFallback: false }, 0.5)).toEqual({ action: 'fail' });
  });

  it('gives up on a transient failure after the last attempt and falls back', () => {
    expect(decideAfterFailure({ kind: 'transient', attempts: DEFAULT_RETRY.maxAttempts, hasFallback: true }, 0.5)).toEqual({ action: 'fallback' });
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one trial through after the cooldown, and closes on success', () => {
    const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 1000 });
    for (let i = 0; i < 3; i += 1) {
      expect(breaker.allow(0)).toBe(true);
      breaker.failure(0);
    }
    expect(breaker.allow(500)).toBe(false);
    expect(breaker.allow(1000)).toBe(true);
    expect(breaker.allow(1000)).toBe(false);
    breaker.success();
    expect(breaker.state(1001)).toBe('closed');
  });

  it('opens again at once when the half-open trial fails', () => {
    const breaker = new CircuitBreaker({ threshold: 1, cooldownMs: 100 });
    breaker.failure(0);
    expect(breaker.allow(100)).toBe(true);
    breaker.failure(100);
    expect(breaker.state(150)).toBe('open');
  });
});

describe('RateLimiter', () => {
  it('allows the burst at once, then spaces sends to the rate', () => {
    const limiter = new RateLimiter(10, 2, 0);
    expect([limiter.reserve(0), limiter.reserve(0), limiter.reserve(0), limiter.reserve(0)]).toEqual([0, 0, 100, 200]);
    expect(limiter.reserve(1000)).toBe(0);
  });
});

describe('channel choice', () => {
  const both = { email: 'a@x.nl', phone: '+31612345678', preferredChannel: 'sms' as const, fallbackChannel: 'email' as const };

  it('takes the preferred channel when the broadcast uses it', () => {
    expect(firstChannel(both, ['email', 'sms'])).toBe('sms');
    expect(firstChannel(both, ['email'])).toBe('email');
    expect(firstChannel({ ...both, phone: null }, ['sms'])).toBeUndefined();
  });

  it('falls back to a channel not yet tried that has an address', () => {
    expect(fallbackChannel(both, ['email', 'sms'], ['sms'])).toBe('email');
    expect(fallbackChannel({ ...both, email: null }, ['email', 'sms'], ['sms'])).toBeUndefined();
    expect(fallbackChannel(both, ['sms'], ['sms'])).toBeUndefined();
  });
});

describe('summarizeDelivery', () => {
  it('counts per channel, and derives rate and time left', () => {
    const summary = summarizeDelivery(
      [
        { channel: 'email', status: 'sent', count: 50 },
        { channel: 'email', status: 'queued', count: 100 },
        { channel: 'sms', status: 'failed', count: 2 },
      ],
      { first: 0, last: 10_000 },
    );
    expect(summary).toMatchObject({ total: 152, remaining: 100, ratePerSecond: 5, etaSeconds: 20 });
    expect(summary.channels.sms.failed).toBe(2);
  });
});
