import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/server/outbox/worker.ts';
import type { EmailTransport } from '../../src/server/transports/transport.ts';
import { addRecipients, publishAlert } from '../helpers/publish-broadcast.ts';
import { type ReceivedMail, type SmtpSink, smtpTransportTo, startSmtpSink } from '../helpers/smtp-sink.ts';
import { addCoordinator, testServices } from '../helpers/test-services.ts';

// A real SMTP relay (smtp-server on 127.0.0.1) that goes away for two minutes in the middle
// of a broadcast and comes back on the same port. The worker's clock is a manual one, so two
// minutes of outage (and the retries in it) take seconds; the relay is really down meanwhile.
const RECIPIENTS = 3000;
const services = await testServices();
const received: ReceivedMail[] = [];
let sink: SmtpSink;
let smtp: EmailTransport;

beforeAll(async () => {
  sink = await startSmtpSink();
  smtp = smtpTransportTo(sink);
});

afterAll(async () => {
  await smtp?.close();
  await sink?.stop();
  await services.close();
});

const messageId = (m: ReceivedMail) => /^Message-ID:\s*(\S+)/im.exec(m.raw.toString('latin1'))?.[1] ?? '';

describe('a relay that is down for two minutes during a broadcast', () => {
  it(`still reaches all ${RECIPIENTS} recipients exactly once afterwards, without anyone pressing a button`, async () => {
    const authors = { anna: await addCoordinator(services, 'anna'), bram: await addCoordinator(services, 'bram') };
    await addRecipients(
      services,
      'Iedereen',
      Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `r${i}@outage.example` })),
    );
    const id = await publishAlert(services, authors, 'Iedereen', ['email']);
    const worker = new OutboxWorker({
      outbox: services.outbox,
      clock: services.clock,
      live: { email: [smtp], sms: [] },
      spool: { email: [], sms: [] },
      publicUrl: 'https://baken.example.nl',
      batchSize: 400,
    });

    // Part of the broadcast goes out, then the relay goes away.
    await worker.runOnce();
    const port = Number(new URL(sink.url).port);
    received.push(...sink.messages);
    await sink.stop();
    const sentBefore = received.length;
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(RECIPIENTS);

    // Two minutes of outage, the worker looking for work every second as it does when running.
    for (let second = 0; second < 120; second += 1) {
      await worker.runOnce();
      services.clock.advance(1_000);
    }
    const during = Object.fromEntries((await services.outbox.counts(id)).map((c) => [c.status, c.count]));
    expect(during.failed ?? 0).toBe(0);
    expect(during.queued).toBe(RECIPIENTS - sentBefore);
    // The broadcast page can say per provider what waits, why, and when it is tried next.
    const waiting = await services.outbox.waiting(id);
    expect(waiting.reduce((n, w) => n + w.count, 0)).toBe(RECIPIENTS - sentBefore);
    expect(waiting.every((w) => w.channel === 'email' && (w.reason === 'unavailable' || w.reason === 'retry'))).toBe(
      true,
    );
    expect(waiting.some((w) => w.reason === 'unavailable' && w.provider === null)).toBe(true);
    // Rows the relay refused before the circuit opened name it and its error.
    expect(waiting.some((w) => w.provider === 'smtp-1')).toBe(true);
    expect(waiting.some((w) => /ECONNREFUSED/.test(w.lastError ?? ''))).toBe(true);
    expect(waiting.every((w) => Number.isFinite(w.nextAttemptAt) && w.lastError)).toBe(true);

    // The relay is back: the rest goes out by itself.
    sink = await startSmtpSink({ port });
    for (
      let round = 0;
      round < 200 && ((await services.outbox.counts(id)).find((c) => c.status === 'sent')?.count ?? 0) < RECIPIENTS;
      round += 1
    ) {
      await worker.runOnce();
      services.clock.advance(10_000);
    }
    received.push(...sink.messages);

    expect(await services.outbox.counts(id)).toEqual([{ channel: 'email', status: 'sent', count: RECIPIENTS }]);
    const ids = received.map(messageId);
    expect(new Set(ids).size).toBe(RECIPIENTS);
    expect(ids.length).toBe(RECIPIENTS);
    expect(new Set(received.flatMap((m) => m.recipients)).size).toBe(RECIPIENTS);
    // Waiting on the open circuit used no attempts: most rows needed only a few real tries.
    const attempts = (await services.outbox.all(id)).map((r) => r.attempts);
    expect(Math.max(...attempts)).toBeLessThan(10);
  }, 240_000);
});
