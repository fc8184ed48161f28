import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeliveryMetrics, serveMetrics } from '../../src/server/outbox/delivery-metrics.ts';
import { OutboxWorker } from '../../src/server/outbox/worker.ts';
import { freePort } from '../helpers/free-port.ts';
import { memoryTransport } from '../helpers/memory-transport.ts';
import { addRecipients, publishAlert } from '../helpers/publish-broadcast.ts';
import { addCoordinator, testServices } from '../helpers/test-services.ts';

const services = await testServices();
const servers: Array<{ close(): void }> = [];
afterAll(async () => {
  for (const s of servers) s.close();
  await services.close();
});

describe('delivery metrics', () => {
  it('serves messages by state and channel, send latency, retries and breaker state in the Prometheus text format', async () => {
    const authors = { anna: await addCoordinator(services, 'anna'), bram: await addCoordinator(services, 'bram') };
    await addRecipients(services, 'Meting', [
      { email: 'a@meting.example' },
      { email: 'b@meting.example' },
      { email: 'flaky@meting.example' },
    ]);
    await publishAlert(services, authors, 'Meting', ['email']);
    let flaky = 0;
    const smtp = memoryTransport('email', 'smtp-1', {
      script: (m) => (m.to === 'flaky@meting.example' && flaky++ === 0 ? 'transient' : undefined),
    });
    let worker: OutboxWorker | undefined;
    const metrics = createDeliveryMetrics(services.outbox, () => worker?.providers() ?? []);
    worker = new OutboxWorker({
      outbox: services.outbox,
      clock: services.clock,
      live: { email: [smtp], sms: [] },
      spool: { email: [], sms: [] },
      publicUrl: 'https://baken.example.nl',
      pool: { observer: metrics.send },
      observer: metrics.worker,
      random: () => 0,
    });
    await worker.runOnce();
    services.clock.advance(60_000);
    await worker.runOnce();

    const port = await freePort();
    const server = serveMetrics(metrics.registry, '127.0.0.1', port);
    servers.push(server);
    if (!server.listening) await once(server, 'listening');
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('baken_outbox_messages{channel="email",status="sent"} 3');
    expect(text).toContain('baken_outbox_handled_total{channel="email",outcome="sent"} 3');
    expect(text).toContain('baken_outbox_handled_total{channel="email",outcome="retry"} 1');
    expect(text).toContain('baken_send_duration_seconds_count{provider="smtp-1",channel="email",outcome="sent"} 3');
    expect(text).toContain('baken_provider_breaker_state{provider="smtp-1",channel="email"} 0');
    expect(text).toContain('baken_outbox_queue_age_seconds{channel="email"} 0');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  });
});
