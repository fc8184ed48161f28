import type { z } from 'zod';
import type { Dialect } from './migration-runner.ts';

/** A value a query parameter may hold. Flags are stored as 0/1, times as ms since the epoch, keys as bytes. */
export type SqlValue = string | number | Uint8Array | null;

/**
 * The one door to the database for every store: SQLite (node:sqlite, the embedded default) or
 * PostgreSQL (BAKEN_DATABASE_URL), behind the same asynchronous methods. Parameters are
 * written `$1`, `$2` … for both. Every row that comes back is parsed by the caller's schema
 * (see columns.ts), never cast, so a column that changed type fails loudly at the boundary.
 */
export interface Sql {
  readonly dialect: Dialect;
  /** Every row of a query, each parsed by `row`. */
  all<T>(row: z.ZodType<T>, text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of a query (parsed by `row`), or undefined when there is none. */
  get<T>(row: z.ZodType<T>, text: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(text: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs `work` in one transaction, rolling back on any error; a transaction inside another
   * joins it. Transactions are serialised, as SQLite's single writer does on its own: on
   * PostgreSQL each one first takes one advisory lock, so every read-check-write (approval,
   * sign-up limits, login throttling, the audit chain) is atomic across processes and
   * machines. The outbox's hot path uses single statements with SKIP LOCKED instead.
   *
   * `lock` names a lock of its own instead, for a hot path that only reads and writes rows of
   * its own (the per-provider send count): on PostgreSQL such transactions wait only for others
   * with the same name. On SQLite there is one writer either way.
   */
  transaction<T>(work: () => Promise<T>, options?: { lock?: string }): Promise<T>;
  /** Tells the other processes on this database about `channel` (PostgreSQL NOTIFY, sent on commit). */
  notify(channel: string): Promise<void>;
  /**
   * Calls `listener` whenever a process notifies `channel` (PostgreSQL LISTEN). SQLite has
   * no such thing across processes: there the returned stop function is all there is, and
   * callers keep polling. Resolves once listening.
   */
  listen(channel: string, listener: () => void): Promise<() => Promise<void>>;
  /** The database's own time (ms since the epoch), so machines with drifting clocks agree. */
  now(): Promise<number>;
  /** Closes the connection(s) after running queries finish. */
  close(): Promise<void>;
}
