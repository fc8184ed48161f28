import { describe, expect, it } from 'vitest';
import { deliveryHealth, WORKER_ALIVE_MS } from '../../src/server/outbox/health-report.ts';
import type { ProviderStatus } from '../../src/server/outbox/provider-pool.ts';

const provider = (over: Partial<ProviderStatus>): ProviderStatus => ({
  name: 'smtp-1',
  channel: 'email',
  breaker: 'closed',
  retryAt: null,
  deprioritised: false,
  badShare: 0,
  samples: 0,
  ratePerSecond: null,
  ...over,
});

describe('deliveryHealth', () => {
  it('reports no worker when the last heartbeat is too old', () => {
    const health = deliveryHealth([{ owner: 'w1', seenAt: 0, providers: [provider({})] }], WORKER_ALIVE_MS + 1);
    expect(health.worker).toEqual({ alive: false, count: 0, lastSeen: new Date(0).toISOString() });
    expect(health.providers).toEqual([]);
  });

  it('says per provider whether it is ok, slow, down (with the next try) or being tried, newest heartbeat first', () => {
    const now = 100_000;
    const health = deliveryHealth(
      [
        {
          owner: 'w2',
          seenAt: now - 1000,
          providers: [
            provider({ breaker: 'open', retryAt: now + 30_000 }),
            provider({ name: 'kannel', channel: 'sms', deprioritised: true }),
          ],
        },
        {
          owner: 'w1',
          seenAt: now - 5000,
          providers: [provider({}), provider({ name: 'gammu', channel: 'sms', breaker: 'half-open', retryAt: now })],
        },
      ],
      now,
    );
    expect(health.worker).toMatchObject({ alive: true, count: 2 });
    expect(Object.fromEntries(health.providers.map((p) => [p.name, p.state]))).toEqual({
      'smtp-1': 'down',
      gammu: 'trying',
      kannel: 'slow',
    });
    expect(health.providers.find((p) => p.name === 'smtp-1')?.retryAt).toBe(new Date(now + 30_000).toISOString());
  });
});
