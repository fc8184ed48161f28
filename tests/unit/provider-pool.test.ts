import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/server/clock.ts';
import { readDeliverySettings } from '../../src/server/outbox/delivery-settings.ts';
import { ProviderPool } from '../../src/server/outbox/provider-pool.ts';
import type { SmsMessage } from '../../src/server/transports/transport.ts';
import { memoryTransport } from '../helpers/memory-transport.ts';

const sms: SmsMessage = { channel: 'sms', to: '+31612345678', text: 'Test', idempotencyKey: 'b.1.sms' };

describe('ProviderPool', () => {
  it('claims no more than its providers can send in half a lease at their rates', () => {
    const clock = manualClock(new Date(0));
    const gammu = new ProviderPool([memoryTransport('sms', 'gammu')], clock, { rateLimits: { gammu: 0.5 } });
    expect(gammu.capacity(60_000, 100)).toBe(15);
    expect(gammu.capacity(1000, 100)).toBe(1);
    const both = new ProviderPool([memoryTransport('sms', 'gammu'), memoryTransport('sms', 'kannel')], clock, {
      rateLimits: { gammu: 0.5, kannel: 50 },
    });
    expect(both.capacity(60_000, 100)).toBe(100);
    expect(new ProviderPool([memoryTransport('email', 'smtp-1')], clock).capacity(1000, 100)).toBe(100);
  });

  it('sends nothing while every circuit is open, and says when to look again', async () => {
    const clock = manualClock(new Date(0));
    const dead = memoryTransport('sms', 'kannel', { script: () => 'transient' });
    const pool = new ProviderPool([dead], clock, { breaker: { threshold: 2, cooldownMs: 30_000 } });
    await pool.send(sms);
    await pool.send(sms);
    expect(dead.attempts).toBe(2);
    const waiting = await pool.send(sms);
    expect(waiting).toEqual({
      ok: false,
      kind: 'unavailable',
      provider: null,
      error: expect.stringContaining('geen aanbieder'),
      retryAt: 30_000,
    });
    expect(dead.attempts).toBe(2);
    expect(pool.capacity(60_000, 100)).toBe(0);
    expect(pool.status()[0]).toMatchObject({ name: 'kannel', breaker: 'open', retryAt: 30_000 });
  });

  it('tries a provider the health rule marked slow only after the healthy one', async () => {
    const clock = manualClock(new Date(0));
    const flaky = memoryTransport('sms', 'kannel', { script: () => 'transient' });
    const steady = memoryTransport('sms', 'http-sms');
    const pool = new ProviderPool([flaky, steady], clock, {
      breaker: { threshold: 1000, cooldownMs: 1 },
      health: { windowMs: 60_000, slowMs: 1000, share: 0.15, minSamples: 3 },
    });
    for (let i = 0; i < 3; i += 1) await pool.send(sms);
    expect(flaky.attempts).toBe(3);
    await pool.send(sms);
    expect(flaky.attempts).toBe(3);
    expect(steady.sent).toHaveLength(4);
    expect(pool.status().find((p) => p.name === 'kannel')?.deprioritised).toBe(true);
  });
});

describe('readDeliverySettings', () => {
  it('keeps the old names, adds the new ones, and names every bad key in Dutch', () => {
    const problems: string[] = [];
    const settings = readDeliverySettings(
      {
        BAKEN_OUTBOX_LEASE_MS: '5000',
        BAKEN_OUTBOX_BATCH: '50',
        BAKEN_RETRY_HORIZON_MS: '3600000',
        BAKEN_METRICS_PORT: '9464',
      },
      problems,
    );
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      leaseMs: 5000,
      batchSize: 50,
      retry: { horizonMs: 3_600_000 },
      metrics: { host: '127.0.0.1', port: 9464 },
    });
    readDeliverySettings({ BAKEN_OUTBOX_LEASE_MS: '10', BAKEN_FALLBACK_AFTER_MS: 'tien minuten' }, problems);
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('BAKEN_OUTBOX_LEASE_MS'))).toMatch(
      /^BAKEN_OUTBOX_LEASE_MS: vul een heel getal in van 1000 tot en met/,
    );
    expect(problems.find((p) => p.startsWith('BAKEN_FALLBACK_AFTER_MS'))).toContain('(nu: "tien minuten")');
  });
});
