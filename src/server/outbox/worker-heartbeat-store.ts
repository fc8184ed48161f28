import { z } from 'zod';
import { SUBSCRIBER_CHANNELS } from '../../schemas/subscriber.ts';
import { integer, jsonText, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';
import type { ProviderStatus } from './provider-pool.ts';

/** One worker's last sign of life, with how its providers were then. */
export interface Heartbeat {
  owner: string;
  seenAt: number;
  providers: ProviderStatus[];
}

const providerStatus = z.object({
  name: z.string(),
  channel: z.enum(SUBSCRIBER_CHANNELS),
  breaker: z.enum(['closed', 'open', 'half-open']),
  retryAt: z.number().nullable(),
  deprioritised: z.boolean(),
  badShare: z.number(),
  samples: z.number(),
  ratePerSecond: z.number().nullable(),
}) satisfies z.ZodType<ProviderStatus>;
const heartbeatRow = z.object({ owner: text, seenAt: integer, providers: jsonText(z.array(providerStatus)) });

/**
 * Workers write a heartbeat every few seconds, so a web process (which sends nothing
 * itself, maybe on another machine) can say in /api/health whether a worker runs and how
 * each provider is doing.
 */
export class WorkerHeartbeats {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Records a worker's heartbeat, and clears those of workers silent for a day (killed, never said goodbye). */
  async beat(owner: string, now: number, providers: ProviderStatus[]): Promise<void> {
    await this.#sql.run('DELETE FROM worker_heartbeats WHERE seen_at < $1', [now - 24 * 3_600_000]);
    await this.#sql.run(
      'INSERT INTO worker_heartbeats (owner, seen_at, providers) VALUES ($1, $2, $3) ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at, providers = excluded.providers',
      [owner, now, JSON.stringify(providers)],
    );
  }

  /** A worker that stops cleanly says goodbye. */
  async forget(owner: string): Promise<void> {
    await this.#sql.run('DELETE FROM worker_heartbeats WHERE owner = $1', [owner]);
  }

  /** Heartbeats newer than `since`, newest first. Only reads: /api/health must never wait for a write lock. */
  recent(since: number): Promise<Heartbeat[]> {
    return this.#sql.all(
      heartbeatRow,
      'SELECT owner, seen_at AS "seenAt", providers FROM worker_heartbeats WHERE seen_at >= $1 ORDER BY seen_at DESC',
      [since],
    );
  }
}
