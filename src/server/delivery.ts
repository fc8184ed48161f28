import { routes } from '../catalog/routes.ts';
import { ConfigError, type ServerConfig } from './config.ts';
import { createDeliveryMetrics, serveMetrics } from './outbox/delivery-metrics.ts';
import { type DeliverySettings, readDeliverySettings } from './outbox/delivery-settings.ts';
import { ProviderPool } from './outbox/provider-pool.ts';
import { parseRateLimits } from './outbox/rate-limits.ts';
import { OutboxWorker } from './outbox/worker.ts';
import { OUTBOX_CHANNEL, OUTBOX_EVENT, type Services } from './services.ts';
import { createTransports, type Transports } from './transports/create-transports.ts';
import type { OutgoingMessage } from './transports/transport.ts';
import { loadTransportConfig } from './transports/transport-config.ts';

export interface Delivery extends DeliverySettings {
  transports: Transports;
  rateLimits: Record<string, number>;
}

/** The transports, rate limits and worker settings from the environment, checked at start-up. */
export function loadDelivery(
  env: Record<string, string | undefined>,
  config: ServerConfig,
  projectRoot: string,
): Delivery {
  const transportConfig = loadTransportConfig(
    { ...env, BAKEN_PUBLIC_URL: env.BAKEN_PUBLIC_URL ?? config.publicUrl },
    projectRoot,
  );
  const problems: string[] = [];
  const settings = readDeliverySettings(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...settings,
    transports: createTransports(transportConfig, config.dataDir, { kannelDlr: routes.kannelDlr }),
    rateLimits: parseRateLimits(env.BAKEN_RATE_LIMITS),
  };
}

/** Sends one message right away with failover over the live providers (for sign-up confirmations). */
export function directSender(
  services: Services,
  transports: Transports,
): (message: OutgoingMessage) => ReturnType<ProviderPool['send']> {
  const pool = new ProviderPool([...transports.email, ...transports.sms], services.clock);
  return (message) => pool.send(message);
}

/**
 * Starts an outbox worker in this process, and its metrics on BAKEN_METRICS_PORT when set. It
 * wakes when this process publishes, and polls for work that other processes published.
 * `stop` lets the messages in flight finish.
 */
export function startWorker(
  services: Services,
  delivery: Delivery,
  publicUrl: string,
  orgName: string,
): { worker: OutboxWorker; stop: () => Promise<void> } {
  const { transports, rateLimits, leaseMs, batchSize, retry, breaker, health } = delivery;
  // The metrics read the worker's providers, and the worker reports to the metrics: tie the knot lazily.
  let current: OutboxWorker | undefined;
  const metrics = delivery.metrics
    ? createDeliveryMetrics(services.outbox, () => current?.providers() ?? [])
    : undefined;
  const worker = new OutboxWorker({
    outbox: services.outbox,
    clock: services.clock,
    live: { email: transports.email, sms: transports.sms },
    spool: { email: [transports.spool.email], sms: [transports.spool.sms] },
    publicUrl,
    orgName,
    leaseMs,
    batchSize,
    retry,
    pool: { rateLimits, breaker, health, shared: services.providerState, ...(metrics && { observer: metrics.send }) },
    heartbeats: services.heartbeats,
    ...(metrics && { observer: metrics.worker }),
  });
  current = worker;
  const metricsServer =
    metrics && delivery.metrics
      ? serveMetrics(metrics.registry, delivery.metrics.host, delivery.metrics.port)
      : undefined;
  const controller = new AbortController();
  const wake = () => worker.wake();
  (process as NodeJS.EventEmitter).on(OUTBOX_EVENT, wake);
  // Publishes in other processes (PostgreSQL NOTIFY); polling stays the safety net.
  const unlisten = services.database.sql.listen(OUTBOX_CHANNEL, wake).catch((error: unknown) => {
    console.error('Baken: luisteren naar nieuwe berichten mislukt; de verzender kijkt elke halve seconde:', error);
    return async () => undefined;
  });
  const running = worker.run(controller.signal);
  return {
    worker,
    stop: async () => {
      controller.abort();
      (process as NodeJS.EventEmitter).off(OUTBOX_EVENT, wake);
      await (await unlisten)();
      metricsServer?.close();
      await running;
    },
  };
}
