import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/server/outbox/circuit-breaker.ts';
import { summarizeDelivery } from '../../src/server/outbox/delivery-summary.ts';
import { ProviderHealth } from '../../src/server/outbox/provider-health.ts';
import { RateLimiter } from '../../src/server/outbox/rate-limiter.ts';
import { DEFAULT_RETRY, decideAfterFailure, decideWhenUnavailable } from '../../src/server/outbox/retry-policy.ts';
import { fallbackChannel, firstChannel } from '../../src/server/subscribers/pick-channel.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const failure = (over: Partial<Parameters<typeof decideAfterFailure>[0]>) => ({
  kind: 'transient' as const,
  attempts: 1,
  troubleSince: 0,
  now: 0,
  hasFallback: false,
  ...over,
});

describe('decideAfterFailure', () => {
  it('retries a transient failure with exponential backoff and jitter inside [half, full] of the ceiling', () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 1000 };
    const delays = [1, 2, 3, 4, 5].map((attempts) => {
      const low = decideAfterFailure(failure({ attempts }), 0, options);
      const high = decideAfterFailure(failure({ attempts }), 0.999, options);
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

  it('caps the delay at the maximum, however many attempts there were', () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 3000 };
    expect(decideAfterFailure(failure({ attempts: 5 }), 1, options)).toEqual({ action: 'retry', delayMs: 3000 });
    expect(decideAfterFailure(failure({ attempts: 500 }), 1, options)).toEqual({ action: 'retry', delayMs: 3000 });
  });

  it('keeps retrying through an outage of hours: well past 6 attempts, until the horizon', () => {
    expect(decideAfterFailure(failure({ attempts: 60, troubleSince: 0, now: 4 * HOUR }), 0.5).action).toBe('retry');
    expect(
      decideAfterFailure(failure({ attempts: 60, troubleSince: 0, now: DEFAULT_RETRY.horizonMs - 1 }), 0.5).action,
    ).toBe('retry');
    expect(decideAfterFailure(failure({ attempts: 60, troubleSince: 0, now: DEFAULT_RETRY.horizonMs }), 0.5)).toEqual({
      action: 'fail',
    });
  });

  it('falls back to the other channel after the shorter fallback delay, not at the first failure', () => {
    expect(decideAfterFailure(failure({ hasFallback: true, now: DEFAULT_RETRY.fallbackAfterMs - 1 }), 0.5).action).toBe(
      'retry',
    );
    expect(decideAfterFailure(failure({ hasFallback: true, now: DEFAULT_RETRY.fallbackAfterMs }), 0.5)).toEqual({
      action: 'fallback',
    });
  });

  it('never retries a permanent failure: fallback when there is one, else fail', () => {
    expect(decideAfterFailure(failure({ kind: 'permanent', hasFallback: true }), 0.5)).toEqual({ action: 'fallback' });
    expect(decideAfterFailure(failure({ kind: 'permanent' }), 0.5)).toEqual({ action: 'fail' });
  });

  it('has defaults made for an outage: hours of trying, minutes between tries, fallback in minutes', () => {
    expect(DEFAULT_RETRY.horizonMs).toBeGreaterThanOrEqual(4 * HOUR);
    expect(DEFAULT_RETRY.maxDelayMs).toBeLessThanOrEqual(5 * MIN);
    expect(DEFAULT_RETRY.fallbackAfterMs).toBeLessThan(DEFAULT_RETRY.horizonMs);
  });
});

describe('decideWhenUnavailable', () => {
  it('waits for the provider without backoff until it may be tried again', () => {
    expect(decideWhenUnavailable({ troubleSince: 0, now: 1000, retryAt: 31_000, hasFallback: false })).toEqual({
      action: 'retry',
      delayMs: 30_000,
    });
  });

  it('falls back after the fallback delay, and gives up only at the horizon', () => {
    expect(
      decideWhenUnavailable({ troubleSince: 0, now: DEFAULT_RETRY.fallbackAfterMs, retryAt: 0, hasFallback: true }),
    ).toEqual({ action: 'fallback' });
    expect(
      decideWhenUnavailable({ troubleSince: 0, now: DEFAULT_RETRY.horizonMs, retryAt: 0, hasFallback: false }),
    ).toEqual({ action: 'fail' });
  });
});

describe('ProviderHealth', () => {
  const rule = { windowMs: 15 * MIN, slowMs: 1000, share: 0.15, minSamples: 20 };

  it('puts a provider at the back when 15 % of the window was slow or failed, and forgives it as the window moves on', () => {
    const health = new ProviderHealth(rule);
    for (let i = 0; i < 17; i += 1) health.record(i, 100, true);
    for (let i = 0; i < 3; i += 1) health.record(20 + i, 5000, true);
    expect(health.deprioritised(30)).toBe(true);
    expect(health.deprioritised(15 * MIN + 30)).toBe(false);
  });

  it('says nothing before there are enough sends, and keeps a provider with a few slow ones in front', () => {
    const health = new ProviderHealth(rule);
    for (let i = 0; i < 5; i += 1) health.record(i, 5000, false);
    expect(health.deprioritised(10)).toBe(false);
    for (let i = 0; i < 40; i += 1) health.record(10 + i, 100, true);
    expect(health.deprioritised(60)).toBe(false);
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
  const both = {
    email: 'a@x.nl',
    phone: '+31612345678',
    preferredChannel: 'sms' as const,
    fallbackChannel: 'email' as const,
  };

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
