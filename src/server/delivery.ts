import { z } from 'zod';
import { ConfigError, type ServerConfig } from './config.ts';
import { OutboxWorker } from './outbox/worker.ts';
import { ProviderPool } from './outbox/provider-pool.ts';
import { parseRateLimits } from './outbox/rate-limits.ts';
import { OUTBOX_EVENT, type Services } from './services.ts';
import { createTransports, type Transports } from './transports/create-transports.ts';
import { loadTransportConfig } from './transports/transport-config.ts';
import type { OutgoingMessage } from './transports/transport.ts';

const workerSchema = z.object({
  /** How long a worker holds the rows it claimed; a crashed worker's rows return after this. */
  BAKEN_OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  /** Rows a worker claims and sends at once. */
  BAKEN_OUTBOX_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
});

export interface Delivery {
  transports: Transports;
  rateLimits: Record<string, number>;
  leaseMs: number;
  batchSize: number;
}

/** The transports, rate limits and worker settings from the environment, checked at start-up. */
export function loadDelivery(env: Record<string, string | undefined>, config: ServerConfig, projectRoot: string): Delivery {
  const transportConfig = loadTransportConfig({ ...env, BAKEN_PUBLIC_URL: env.BAKEN_PUBLIC_URL ?? config.publicUrl }, projectRoot);
  const worker = workerSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!worker.success) throw new ConfigError(worker.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return {
    transports: createTransports(transportConfig, config.dataDir),
    rateLimits: parseRateLimits(env.BAKEN_RATE_LIMITS),
    leaseMs: worker.data.BAKEN_OUTBOX_LEASE_MS,
    batchSize: worker.data.BAKEN_OUTBOX_BATCH,
  };
}

/** Sends one message right away with failover over the live providers (for sign-up confirmations). */
export function directSender(services: Services, transports: Transports): (message: OutgoingMessage) => ReturnType<ProviderPool['send']> {
  const pool = new ProviderPool([...transports.email, ...transports.sms], services.clock);
  return (message) => pool.send(message);
}

/**
 * Starts an outbox worker in this process. It wakes when this process publishes, and polls
 * for work that other processes published. `stop` lets the batch in flight finish.
 */
export function startWorker(services: Services, delivery: Delivery, publicUrl: string, orgName: string): { worker: OutboxWorker; stop: () => Promise<void> } {
  const { transports, rateLimits, leaseMs, batchSize } = delivery;
  const worker = new OutboxWorker({
    outbox: services.outbox,
    clock: services.clock,
    live: { email: transports.email, sms: transports.sms },
    spool: { email: [transports.spool.email], sms: [transports.spool.sms] },
    publicUrl,
    orgName,
    leaseMs,
    batchSize,
    pool: { rateLimits },
  });
  const controller = new AbortController();
  const wake = () => worker.wake();
  (process as NodeJS.EventEmitter).on(OUTBOX_EVENT, wake);
  const running = worker.run(controller.signal);
  return {
    worker,
    stop: async () => {
      controller.abort();
      (process as NodeJS.EventEmitter).off(OUTBOX_EVENT, wake);
      await running;
    },
  };
}
