import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { DEFAULT_RATE_LIMITS } from '../../src/server/outbox/rate-limits.ts';
import { OutboxWorker } from '../../src/server/outbox/worker.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { createGammuTransport } from '../../src/server/transports/gammu-transport.ts';
import { createHttpSmsTransport } from '../../src/server/transports/http-sms-transport.ts';
import type { SmsTransport } from '../../src/server/transports/transport.ts';
import { type RunningGammuSmsd, startGammuSmsd } from '../helpers/gammu-smsd.ts';
import { projectRoot } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';
import { addRecipients, publishAlert } from '../helpers/publish-broadcast.ts';
import { addCoordinator } from '../helpers/test-services.ts';

// A slow SMS provider and a lease shorter than the time the whole batch needs at its rate:
// the worker must not wait out its own lease and send a message twice.
const LEASE_MS = 2000;
const references: string[] = [];
let gateway: Server;
let smsd: RunningGammuSmsd;

function realClockServices(): Promise<Services> {
  return createServices({
    database: { sqlite: ':memory:' },
    keyDir: null,
    clock: systemClock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
}

/** Runs a worker until every row of the broadcast is done (or a minute has passed), then stops it. */
async function sendAll(services: Services, broadcastId: string, transport: SmsTransport, rate: number): Promise<void> {
  const worker = new OutboxWorker({
    outbox: services.outbox,
    clock: services.clock,
    live: { email: [], sms: [transport] },
    spool: { email: [], sms: [] },
    publicUrl: 'https://baken.example.nl',
    leaseMs: LEASE_MS,
    batchSize: 100,
    pool: { rateLimits: { [transport.name]: rate } },
  });
  const controller = new AbortController();
  const running = worker.run(controller.signal, 100);
  const deadline = Date.now() + 60_000;
  while (
    Date.now() < deadline &&
    (await services.outbox.counts(broadcastId)).some((c) => c.status === 'queued' || c.status === 'sending')
  ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  controller.abort();
  await running;
}

beforeAll(async () => {
  gateway = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      references.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reference: string }).reference);
      response
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `msg-${references.length}` }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  smsd = await startGammuSmsd();
});

afterAll(async () => {
  gateway?.closeAllConnections();
  await new Promise((resolve) => gateway?.close(resolve));
  await smsd?.stop();
});

describe('a rate-limited SMS provider with a short lease', () => {
  it('gets exactly one request per message at 2 per second (counted at the HTTP gateway)', async () => {
    const services = await realClockServices();
    const authors = { anna: await addCoordinator(services, 'anna'), bram: await addCoordinator(services, 'bram') };
    await addRecipients(
      services,
      'Sms',
      Array.from({ length: 16 }, (_, i) => ({ phone: `+316123450${String(i).padStart(2, '0')}` })),
    );
    const id = await publishAlert(services, authors, 'Sms', ['sms']);
    const { port } = gateway.address() as AddressInfo;
    const transport = createHttpSmsTransport({
      url: `http://127.0.0.1:${port}/v1/messages`,
      token: 't',
      from: 'Baken',
    });

    await sendAll(services, id, transport, 2);

    expect(await services.outbox.counts(id)).toEqual([{ channel: 'sms', status: 'sent', count: 16 }]);
    expect(references).toHaveLength(16);
    expect(new Set(references).size).toBe(16);
    await services.close();
  }, 90_000);

  it('sends each message once through gammu-smsd at its default 0.5 per second', async () => {
    const services = await realClockServices();
    const authors = { anna: await addCoordinator(services, 'anna'), bram: await addCoordinator(services, 'bram') };
    await addRecipients(
      services,
      'Modem',
      Array.from({ length: 5 }, (_, i) => ({ phone: `+316123460${String(i).padStart(2, '0')}` })),
    );
    const id = await publishAlert(services, authors, 'Modem', ['sms']);
    const gammu = createGammuTransport({ configFile: smsd.configFile });
    // Count the hand-overs to gammu-smsd-inject: each one is a message in the modem's queue.
    const injected: string[] = [];
    const counting: SmsTransport = {
      ...gammu,
      name: gammu.name,
      channel: 'sms',
      close: () => gammu.close(),
      send: (m) => {
        injected.push(m.idempotencyKey);
        return gammu.send(m);
      },
    };

    await sendAll(services, id, counting, present(DEFAULT_RATE_LIMITS.gammu, 'the default gammu rate'));

    expect(await services.outbox.counts(id)).toEqual([{ channel: 'sms', status: 'sent', count: 5 }]);
    expect(injected).toHaveLength(5);
    expect(new Set(injected).size).toBe(5);
    await services.close();
  }, 90_000);
});
