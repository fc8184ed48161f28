import type { Database } from '../store/database.ts';
import type { ProviderStatus } from './provider-pool.ts';

/** One worker's last sign of life, with how its providers were then. */
export interface Heartbeat {
  owner: string;
  seenAt: number;
  providers: ProviderStatus[];
}

/**
 * Workers write a heartbeat every few seconds, so the web process (which sends nothing
 * itself) can say in /api/health whether a worker runs and how each provider is doing.
 */
export class WorkerHeartbeats {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Records a worker's heartbeat, and clears those of workers silent for a day (killed, never said goodbye). */
  beat(owner: string, now: number, providers: ProviderStatus[]): void {
    this.#db.prepare('DELETE FROM worker_heartbeats WHERE seen_at < ?').run(now - 24 * 3_600_000);
    this.#db
      .prepare(
        'INSERT INTO worker_heartbeats (owner, seen_at, providers) VALUES (?, ?, ?) ON CONFLICT (owner) DO UPDATE SET seen_at = excluded.seen_at, providers = excluded.providers',
      )
      .run(owner, now, JSON.stringify(providers));
  }

  /** A worker that stops cleanly says goodbye. */
  forget(owner: string): void {
    this.#db.prepare('DELETE FROM worker_heartbeats WHERE owner = ?').run(owner);
  }

  /** Heartbeats newer than `since`, newest first. Only reads: /api/health must never wait for a write lock. */
  recent(since: number): Heartbeat[] {
    return (
      this.#db
        .prepare(
          'SELECT owner, seen_at AS seenAt, providers FROM worker_heartbeats WHERE seen_at >= ? ORDER BY seen_at DESC',
        )
        .all(since) as Array<{ owner: string; seenAt: number; providers: string }>
    ).map((row) => ({
      owner: row.owner,
      seenAt: row.seenAt,
      providers: JSON.parse(row.providers) as ProviderStatus[],
    }));
  }
}
