import { createServer, type Server } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxStore } from './outbox-store.ts';
import type { ProviderStatus, SendObserver } from './provider-pool.ts';
import type { WorkerObserver } from './worker.ts';

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * The delivery metrics in the Prometheus text format: messages per state and channel and the
 * age of the oldest waiting one (read from the outbox at scrape time, so every worker's work
 * counts), and this process's send latency, handling outcomes (retries among them), breaker
 * state and provider health.
 */
export function createDeliveryMetrics(
  outbox: OutboxStore,
  providers: () => ProviderStatus[],
): { registry: Registry; send: SendObserver; worker: WorkerObserver } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baken_' });
  new Gauge({
    name: 'baken_outbox_messages',
    help: 'Messages in the outbox per channel and state (all broadcasts).',
    labelNames: ['channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { channel, status, count } of await outbox.totals()) this.set({ channel, status }, count);
    },
  });
  new Gauge({
    name: 'baken_outbox_queue_age_seconds',
    help: 'Age of the oldest message still to be sent, per channel.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      // Zero when nothing waits, so an alert on the age has a series to look at.
      const oldest = new Map<string, number>([
        ['email', now],
        ['sms', now],
      ]);
      for (const row of await outbox.queueStats())
        if (row.oldestCreatedAt !== null)
          oldest.set(row.channel, Math.min(oldest.get(row.channel) ?? Infinity, row.oldestCreatedAt));
      for (const [channel, at] of oldest) this.set({ channel }, Math.max(0, (now - at) / 1000));
    },
  });
  new Gauge({
    name: 'baken_provider_breaker_state',
    help: 'Circuit breaker per provider: 0 closed, 1 half-open, 2 open.',
    labelNames: ['provider', 'channel'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of providers()) this.set({ provider: p.name, channel: p.channel }, BREAKER_VALUE[p.breaker]);
    },
  });
  new Gauge({
    name: 'baken_provider_deprioritised',
    help: 'Whether the health rule put a provider behind the others (1) or not (0).',
    labelNames: ['provider', 'channel'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of providers()) this.set({ provider: p.name, channel: p.channel }, p.deprioritised ? 1 : 0);
    },
  });
  const latency = new Histogram({
    name: 'baken_send_duration_seconds',
    help: 'Time until a provider accepted or refused a message.',
    labelNames: ['provider', 'channel', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const handled = new Counter({
    name: 'baken_outbox_handled_total',
    help: 'Messages a worker handled, by outcome: sent, retry (after a failure), waiting (no provider), fallback, failed, deleted, lost-claim.',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  return {
    registry,
    send: { sent: (provider, channel, seconds, outcome) => latency.observe({ provider, channel, outcome }, seconds) },
    worker: { handled: (channel, outcome) => handled.inc({ channel, outcome }) },
  };
}

/**
 * Serves `GET /metrics` on its own port (by default only on 127.0.0.1), apart from the public
 * site, so no login is needed and nothing of it is public. A port in use is reported, not fatal:
 * a second worker on the same machine then simply has no metrics of its own.
 */
export function serveMetrics(registry: Registry, host: string, port: number): Server {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Niet gevonden. De meetwaarden staan op /metrics.');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(text),
      (error: unknown) =>
        res
          .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end(`Meetwaarden ophalen mislukt: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) =>
    console.error(`Baken: meetwaarden niet beschikbaar op ${host}:${port} (${error.code ?? error.message}).`),
  );
  server.listen(port, host);
  server.unref();
  return server;
}
