import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/server/outbox/worker.ts';
import { createHttpSmsTransport } from '../../src/server/transports/http-sms-transport.ts';
import { createKannelTransport } from '../../src/server/transports/kannel-transport.ts';
import type { EmailTransport, SmsTransport } from '../../src/server/transports/transport.ts';
import { analyzeSms } from '../../src/sms/segment-sms.ts';
import { type RunningKannel, startKannel } from '../helpers/kannel.ts';
import { type SmtpSink, smtpTransportTo, startSmtpSink } from '../helpers/smtp-sink.ts';
import { addCoordinator, testServices } from '../helpers/test-services.ts';

// Real parts on 127.0.0.1: an SMTP server that answers 421, 550 or hangs up per recipient,
// a commercial HTTP SMS gateway stub that is down (503), and Kannel behind it.
const answered = new Map<string, number>();
let sink: SmtpSink;
let kannel: RunningKannel;
let gateway: Server;
let gatewayCalls = 0;
let smtp: EmailTransport;
let sms: SmsTransport[];
const services = await testServices();

beforeAll(async () => {
  sink = await startSmtpSink({
    answer: (to) => {
      const seen = answered.get(to) ?? 0;
      answered.set(to, seen + 1);
      if (to === 'retry@school.example' && seen === 0) return { code: 421, message: 'Try again later' };
      if (to === 'reject@school.example') return { code: 550, message: 'No such user' };
      if (to === 'drop@school.example' && seen === 0) return 'drop';
      return 'accept';
    },
  });
  gateway = createServer((req, res) => {
    gatewayCalls += 1;
    req.resume();
    res.writeHead(503).end('maintenance');
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  kannel = await startKannel();
  smtp = smtpTransportTo(sink);
  sms = [
    createHttpSmsTransport({
      url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/messages`,
      token: 't',
      from: 'Baken',
      timeoutMs: 2000,
    }),
    createKannelTransport({ url: kannel.sendsmsUrl, from: 'Baken' }),
  ];
});

afterAll(async () => {
  await Promise.all([smtp?.close(), ...(sms ?? []).map((t) => t.close())]);
  await Promise.all([sink?.stop(), kannel?.stop(), new Promise((resolve) => gateway?.close(resolve))]);
  await services.close();
});

describe('the delivery engine against real servers', () => {
  it('retries a 421 and a dropped connection, falls back to SMS on a 550, and fails over from a dead SMS gateway to Kannel', async () => {
    const [anna, bram] = await Promise.all([addCoordinator(services, 'anna'), addCoordinator(services, 'bram')]);
    const people = [
      { name: 'Retry', email: 'retry@school.example', phone: '+31612345001' },
      { name: 'Reject', email: 'reject@school.example', phone: '+31612345002' },
      { name: 'Drop', email: 'drop@school.example', phone: null },
      { name: 'Alleen sms', email: null, phone: '+31612345004' },
    ];
    for (const p of people) {
      await services.subscribers.upsertIntoList(
        'Test',
        {
          ...p,
          preferredChannel: p.email ? 'email' : 'sms',
          fallbackChannel: p.email && p.phone ? 'sms' : null,
          consent: 'test',
        },
        true,
      );
    }
    const created = await services.broadcastService.create(
      {
        script: 'onderwijs-stroomuitval',
        channels: ['email', 'sms'],
        lists: ['Test'],
        training: false,
        fields: {
          organisatie: 'School',
          gemeente: 'Voorbeeldstad',
          locatie: 'Gymzaal',
          tijd: '09:00',
          datum: '23-11',
          telefoon: '0201234567',
          website: 'school.example',
        },
        severity: 'Moderate',
        area: 'X',
      },
      anna,
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect((await services.broadcastService.submit(created.value.id, anna)).ok).toBe(true);
    expect((await services.broadcastService.approve(created.value.id, bram)).ok).toBe(true);

    const worker = new OutboxWorker({
      outbox: services.outbox,
      clock: services.clock,
      live: { email: [smtp], sms },
      spool: { email: [], sms: [] },
      publicUrl: 'https://baken.example.nl',
      random: () => 0,
    });
    for (let round = 0; round < 8; round += 1) {
      await worker.runOnce();
      services.clock.advance(10_000);
    }

    const counts = Object.fromEntries(
      (await services.outbox.counts(created.value.id)).map((c) => [`${c.channel}.${c.status}`, c.count]),
    );
    expect(counts).toEqual({ 'email.sent': 2, 'email.fell_back': 1, 'sms.sent': 2 });
    const mailed = sink.messages.flatMap((m) => m.recipients).sort();
    expect(mailed).toEqual(['drop@school.example', 'retry@school.example']);
    expect(answered.get('retry@school.example')).toBe(2);
    expect(answered.get('drop@school.example')).toBe(2);
    // A long SMS arrives as its parts; each recipient gets the whole message once.
    const sent = analyzeSms(created.value.smsText).segments;
    await expect.poll(() => kannel.received.length, { timeout: 10_000 }).toBe(2 * sent);
    expect([...new Set(kannel.received.map((m) => m.to))].sort()).toEqual(['+31612345002', '+31612345004']);
    expect(gatewayCalls).toBeGreaterThanOrEqual(2);
    const rows = await services.outbox.all(created.value.id);
    expect(rows.filter((r) => r.channel === 'sms').map((r) => r.provider)).toEqual(['kannel', 'kannel']);
    expect(rows.find((r) => r.status === 'fell_back')?.lastError).toMatch(/smtp-1/);
  });
});
