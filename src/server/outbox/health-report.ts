import type { Heartbeat } from './worker-heartbeat-store.ts';

/** A worker counts as alive when its last heartbeat is younger than this (it beats every 5 seconds). */
export const WORKER_ALIVE_MS = 20_000;

/** What /api/health says about sending: is a worker running, and can each provider be used. Names only, no settings. */
export interface DeliveryHealth {
  worker: { alive: boolean; count: number; lastSeen: string | null };
  providers: Array<{
    name: string;
    channel: 'email' | 'sms';
    /** `ok`; `slow` when the health rule put it behind the others; `down` while its circuit is open; `trying` when half-open. */
    state: 'ok' | 'slow' | 'down' | 'trying';
    /** When a provider that is down is tried again (ISO 8601), or null. */
    retryAt: string | null;
  }>;
}

/**
 * Sums up the recent heartbeats: the newest word on each provider counts, so a provider two
 * workers use is reported once.
 */
export function deliveryHealth(heartbeats: Heartbeat[], now: number): DeliveryHealth {
  const alive = heartbeats.filter((h) => now - h.seenAt < WORKER_ALIVE_MS);
  const newest = heartbeats.reduce<number | null>((max, h) => (max === null || h.seenAt > max ? h.seenAt : max), null);
  const providers = new Map<string, DeliveryHealth['providers'][number]>();
  for (const beat of [...alive].sort((a, b) => a.seenAt - b.seenAt)) {
    for (const p of beat.providers) {
      const state =
        p.breaker === 'open' ? 'down' : p.breaker === 'half-open' ? 'trying' : p.deprioritised ? 'slow' : 'ok';
      providers.set(`${p.channel}:${p.name}`, {
        name: p.name,
        channel: p.channel,
        state,
        retryAt: p.retryAt === null ? null : new Date(p.retryAt).toISOString(),
      });
    }
  }
  return {
    worker: {
      alive: alive.length > 0,
      count: alive.length,
      lastSeen: newest === null ? null : new Date(newest).toISOString(),
    },
    providers: [...providers.values()],
  };
}
