import type { ServerConfig } from './config.ts';
import { OutboxWorker } from './outbox/worker.ts';
import { ProviderPool } from './outbox/provider-pool.ts';
import { parseRateLimits } from './outbox/rate-limits.ts';
import { OUTBOX_EVENT, type Services } from './services.ts';
import { createTransports, type Transports } from './transports/create-transports.ts';
import { loadTransportConfig } from './transports/transport-config.ts';
import type { OutgoingMessage } from './transports/transport.ts';

/** The transports and rate limits from the environment, checked at start-up. */
export function loadDelivery(env: Record<string, string | undefined>, config: ServerConfig, projectRoot: string): { transports: Transports; rateLimits: Record<string, number> } {
  const transportConfig = loadTransportConfig({ ...env, BAKEN_PUBLIC_URL: env.BAKEN_PUBLIC_URL ?? config.publicUrl }, projectRoot);
  return { transports: createTransports(transportConfig, config.dataDir), rateLimits: parseRateLimits(env.BAKEN_RATE_LIMITS) };
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
export function startWorker(services: Services, delivery: ReturnType<typeof loadDelivery>, publicUrl: string): { worker: OutboxWorker; stop: () => Promise<void> } {
  const { transports, rateLimits } = delivery;
  const worker = new OutboxWorker({
    outbox: services.outbox,
    clock: services.clock,
    live: { email: transports.email, sms: transports.sms },
    spool: { email: [transports.spool.email], sms: [transports.spool.sms] },
    publicUrl,
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
