import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySummaryOf } from '../../src/server/outbox/delivery-summary.ts';
import { OutboxWorker } from '../../src/server/outbox/worker.ts';
import type { EmailTransport } from '../../src/server/transports/transport.ts';
import { addRecipients, publishAlert, publishFollowUp } from '../helpers/publish-broadcast.ts';
import { type SmtpSink, smtpTransportTo, startSmtpSink } from '../helpers/smtp-sink.ts';
import { addCoordinator, testServices } from '../helpers/test-services.ts';

// Follow-ups against a real SMTP server: a withdrawal while the original still waits, and a
// correction after a recipient deleted their data.
const services = await testServices();
let sink: SmtpSink;
let smtp: EmailTransport;
let authors: Awaited<ReturnType<typeof makeAuthors>>;

const makeAuthors = async () => ({
  anna: await addCoordinator(services, 'anna'),
  bram: await addCoordinator(services, 'bram'),
});
const worker = (batchSize = 100) =>
  new OutboxWorker({
    outbox: services.outbox,
    clock: services.clock,
    live: { email: [smtp], sms: [] },
    spool: { email: [], sms: [] },
    publicUrl: 'https://baken.example.nl',
    batchSize,
  });
/** Who got a message of this broadcast (its id is in the Message-ID), or any message. */
const mailedTo = (broadcastId?: string) =>
  sink.messages
    .filter(
      (m) => !broadcastId || (/^Message-ID:\s*(\S+)/im.exec(m.raw.toString('latin1'))?.[1] ?? '').includes(broadcastId),
    )
    .flatMap((m) => m.recipients)
    .sort();

beforeAll(async () => {
  sink = await startSmtpSink();
  smtp = smtpTransportTo(sink);
  authors = await makeAuthors();
});

afterAll(async () => {
  await smtp?.close();
  await sink?.stop();
  await services.close();
});

describe('follow-ups of a broadcast', () => {
  it('stops the original’s waiting messages when a withdrawal is approved, and withdraws only from those who got it', async () => {
    await addRecipients(
      services,
      'Wijk',
      Array.from({ length: 20 }, (_, i) => ({ email: `w${i}@wijk.example` })),
    );
    const original = await publishAlert(services, authors, 'Wijk', ['email']);
    // A small worker gets five out; fifteen still wait when the withdrawal is approved.
    await worker(5).runOnce();
    const gotOriginal = mailedTo();
    expect(gotOriginal).toHaveLength(5);

    const cancel = await services.broadcastService.cancel(original, authors.anna);
    if (!cancel.ok) throw new Error('cancel failed');
    await publishFollowUp(services, authors, cancel.value.id);
    const w = worker();
    while ((await w.runOnce()) > 0) services.clock.advance(1000);

    const original_ = Object.fromEntries((await services.outbox.counts(original)).map((c) => [c.status, c.count]));
    expect(original_).toEqual({ sent: 5, withdrawn: 15 });
    expect(mailedTo()).toHaveLength(10);
    expect(mailedTo(cancel.value.id)).toEqual(gotOriginal);
    expect(
      (await services.outbox.all(original))
        .filter((r) => r.status === 'withdrawn')
        .every((r) => r.lastError === 'het bericht is ingetrokken'),
    ).toBe(true);
    const audit = (await services.audit.recent(20)).find((e) => e.action === 'broadcast.approved.published');
    expect(audit?.details).toMatchObject({ stoppedOfOriginal: 15 });
  });

  it('sends a correction to nobody who deleted their data, and counts them apart', async () => {
    sink.messages.length = 0;
    await addRecipients(services, 'School', [
      { email: 'blijft1@school.example' },
      { email: 'weg@school.example' },
      { email: 'blijft2@school.example' },
      { email: 'weg-wachtend@school.example' },
    ]);
    const original = await publishAlert(services, authors, 'School', ['email']);
    const w = worker(3);
    await w.runOnce();
    // One who got the original leaves, and one whose message still waited leaves too.
    // As SubscriptionService.unsubscribe does it: forget the address in the outbox, then delete.
    const leave = async (email: string) => {
      const subscriber = await services.subscribers.byAddress('email', email);
      if (!subscriber) throw new Error(`no subscriber ${email}`);
      await services.outbox.forgetRecipient(subscriber.id);
      return services.subscribers.delete(subscriber.id);
    };
    expect(await leave('weg@school.example')).toBe(true);
    expect(await leave('weg-wachtend@school.example')).toBe(true);
    while ((await w.runOnce()) > 0) services.clock.advance(1000);

    const correction = await services.broadcastService.correct(original, { locatie: 'Het Anker' }, authors.anna);
    if (!correction.ok) throw new Error('correct failed');
    await publishFollowUp(services, authors, correction.value.id);
    while ((await w.runOnce()) > 0) services.clock.advance(1000);

    expect(mailedTo(correction.value.id)).toEqual(['blijft1@school.example', 'blijft2@school.example']);
    expect(mailedTo()).not.toContain('weg-wachtend@school.example');
    expect((await services.outbox.all(correction.value.id)).map((r) => r.address).sort()).toEqual([
      'blijft1@school.example',
      'blijft2@school.example',
    ]);
    const summary = await deliverySummaryOf(services.outbox, original);
    expect(summary.channels.email.deleted).toBe(1);
    expect(summary.left).toBe(2);
    // "Retry failed" never reaches them either.
    expect(await services.outbox.retryFailed(original, services.clock.now().getTime())).toBe(0);
  });

  it('lets the unsent messages of a broadcast expire at the validity the coordinator chose', async () => {
    await addRecipients(
      services,
      'Kort',
      Array.from({ length: 6 }, (_, i) => ({ email: `k${i}@kort.example` })),
    );
    const id = await publishAlert(services, authors, 'Kort', ['email'], { validHours: 2 });
    await worker(2).runOnce();
    services.clock.advance(2 * 3_600_000);
    const w = worker();
    while ((await w.runOnce()) > 0) services.clock.advance(1000);
    expect(Object.fromEntries((await services.outbox.counts(id)).map((c) => [c.status, c.count]))).toEqual({
      sent: 2,
      expired: 4,
    });
    expect(mailedTo(id)).toHaveLength(2);
  });

  it('does not send the original later when a message in a worker’s hands at the withdrawal fails and comes back', async () => {
    await addRecipients(
      services,
      'Onderweg',
      Array.from({ length: 3 }, (_, i) => ({ email: `o${i}@onderweg.example` })),
    );
    const original = await publishAlert(services, authors, 'Onderweg', ['email']);
    // Another worker holds the three messages while the withdrawal is approved…
    const held = await services.outbox.claim(
      'andere-verzender',
      { channel: 'email', training: false },
      10,
      services.clock.now().getTime(),
      60_000,
    );
    expect(held).toHaveLength(3);
    const cancel = await services.broadcastService.cancel(original, authors.anna);
    if (!cancel.ok) throw new Error('cancel failed');
    await publishFollowUp(services, authors, cancel.value.id);
    // …and then its relay refuses them for now, so they return to the queue.
    for (const row of held) {
      expect(
        await services.outbox.reschedule(
          row.id,
          row.leaseToken,
          services.clock.now().getTime(),
          'retry',
          { error: 'smtp-1: 421', provider: 'smtp-1', attempted: true },
          services.clock.now().getTime(),
        ),
      ).toBe(true);
    }
    const w = worker();
    while ((await w.runOnce()) > 0) services.clock.advance(1000);
    expect(mailedTo(original)).toEqual([]);
    expect((await services.outbox.all(original)).map((r) => [r.status, r.lastError])).toEqual(
      Array(3).fill(['withdrawn', 'het bericht is ingetrokken']),
    );
  });
});
