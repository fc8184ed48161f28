import { once } from 'node:events';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { manualClock } from '../src/server/clock.ts';
import { OutboxWorker } from '../src/server/outbox/worker.ts';
import { OUTBOX_EVENT } from '../src/server/services.ts';
import { createHttpSmsTransport } from '../src/server/transports/http-sms-transport.ts';
import { createSmtpTransport } from '../src/server/transports/smtp-transport.ts';
import { startSmtpSink } from '../tests/helpers/smtp-sink.ts';
import { startWorkerProcess } from '../tests/helpers/worker-process.ts';
import { table, times } from './lib/format.mjs';
import { outboxFixture } from './lib/outbox-fixture.mjs';
import { percentile } from './lib/stats.mjs';

const RECIPIENTS = 10_000;
const TIME_LIMIT_MS = 180_000;
const FROM = 'Baken <baken@gemeente.example>';

export const title = `Delivery: approval to hand-off for ${RECIPIENTS.toLocaleString('en')} emails vs a bare nodemailer pool, and duplicates per fault scenario`;

const messageId = (mail) => /^Message-ID:\s*(\S+)/im.exec(mail.raw.toString('latin1'))?.[1] ?? '';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from the approval call until each message was accepted, through the outbox and a running worker. */
async function handOffThroughOutbox(url) {
  const fixture = await outboxFixture(RECIPIENTS);
  const smtp = createSmtpTransport({ name: 'smtp-1', url, from: FROM, messageIdDomain: 'gemeente.example' });
  const accepted = [];
  let started = 0;
  const timed = {
    ...smtp,
    send: async (message) => {
      const receipt = await smtp.send(message);
      accepted.push(performance.now() - started);
      return receipt;
    },
  };
  const worker = new OutboxWorker({
    outbox: fixture.services.outbox,
    clock: fixture.services.clock,
    live: { email: [timed], sms: [] },
    spool: { email: [], sms: [] },
    publicUrl: 'https://baken.example',
  });
  const controller = new AbortController();
  const wake = () => worker.wake();
  process.on(OUTBOX_EVENT, wake);
  const running = worker.run(controller.signal);
  try {
    started = performance.now();
    await fixture.publishAlert();
    while (accepted.length < RECIPIENTS) {
      if (performance.now() - started > TIME_LIMIT_MS) throw new Error(`more than ${TIME_LIMIT_MS} ms`);
      await pause(20);
    }
    return accepted;
  } finally {
    controller.abort();
    process.off(OUTBOX_EVENT, wake);
    await running;
    await smtp.close();
    await fixture.close();
  }
}

/** Milliseconds from handing 10,000 messages to a bare pool at once until each was accepted. */
async function handOffBarePool(url) {
  const pool = nodemailer.createTransport({ url, pool: true });
  const started = performance.now();
  try {
    return await Promise.all(
      Array.from({ length: RECIPIENTS }, (_, i) =>
        pool
          .sendMail({
            from: FROM,
            to: `r${i}@bench.example`,
            subject: 'Stroomstoring',
            text: 'De zorglocatie is open.\n'.repeat(10),
            messageId: `<bare-${i}@gemeente.example>`,
          })
          .then(() => performance.now() - started),
      ),
    );
  } finally {
    pool.close();
  }
}

/** A relay down for two simulated minutes in a 3,000-recipient broadcast: duplicates and what was left unsent. */
async function relayOutage() {
  const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
  const fixture = await outboxFixture(3000, { clock });
  let sink = await startSmtpSink();
  const port = Number(new URL(sink.url).port);
  const smtp = createSmtpTransport({ name: 'smtp-1', url: sink.url, from: FROM, messageIdDomain: 'gemeente.example' });
  const worker = new OutboxWorker({
    outbox: fixture.services.outbox,
    clock,
    live: { email: [smtp], sms: [] },
    spool: { email: [], sms: [] },
    publicUrl: 'https://baken.example',
    batchSize: 400,
  });
  const received = [];
  try {
    const broadcast = await fixture.publishAlert();
    await worker.runOnce();
    received.push(...sink.messages);
    await sink.stop();
    for (let second = 0; second < 120; second += 1) {
      await worker.runOnce();
      clock.advance(1000);
    }
    sink = await startSmtpSink({ port });
    for (let round = 0; round < 300 && (await fixture.unsent(broadcast.id)) > 0; round += 1) {
      await worker.runOnce();
      clock.advance(10_000);
    }
    received.push(...sink.messages);
    const ids = received.map(messageId);
    return {
      scenario: 'SMTP relay down 2 minutes, 3,000 recipients',
      messages: 3000,
      duplicates: ids.length - new Set(ids).size,
      unsent: await fixture.unsent(broadcast.id),
      bound: 0,
    };
  } finally {
    await smtp.close();
    await sink.stop();
    await fixture.close();
  }
}

/** An HTTP SMS gateway at 2/s with a 2-second lease: requests counted at the gateway. */
async function slowSmsGateway() {
  const fixture = await outboxFixture(40, { channel: 'sms' });
  const references = [];
  const gateway = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      references.push(JSON.parse(Buffer.concat(chunks).toString('utf8')).reference);
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"x"}');
    });
  });
  gateway.listen(0, '127.0.0.1');
  await once(gateway, 'listening');
  const transport = createHttpSmsTransport({
    url: `http://127.0.0.1:${gateway.address().port}/v1/messages`,
    token: 't',
    from: 'Baken',
  });
  const worker = new OutboxWorker({
    outbox: fixture.services.outbox,
    clock: fixture.services.clock,
    live: { email: [], sms: [transport] },
    spool: { email: [], sms: [] },
    publicUrl: 'https://baken.example',
    leaseMs: 2000,
    pool: { rateLimits: { 'http-sms': 2 } },
  });
  const controller = new AbortController();
  const running = worker.run(controller.signal, 100);
  try {
    const broadcast = await fixture.publishAlert();
    const started = performance.now();
    while ((await fixture.unsent(broadcast.id)) > 0 && performance.now() - started < TIME_LIMIT_MS) await pause(200);
    return {
      scenario: 'HTTP SMS gateway at 2/s, 2 s lease, 40 messages',
      messages: 40,
      duplicates: references.length - new Set(references).size,
      unsent: await fixture.unsent(broadcast.id),
      bound: 0,
    };
  } finally {
    controller.abort();
    await running;
    gateway.closeAllConnections();
    gateway.close();
    await fixture.close();
  }
}

/** Worker processes (`npm run worker`) killed with SIGKILL five times during a 3,000-recipient broadcast. */
async function workerCrashes() {
  const fixture = await outboxFixture(3000);
  const sink = await startSmtpSink();
  const children = new Set();
  const startWorker = () =>
    startWorkerProcess(
      { BAKEN_DATA_DIR: fixture.dir, BAKEN_SMTP_URL: sink.url, BAKEN_OUTBOX_LEASE_MS: '1500' },
      children,
    );
  try {
    const broadcast = await fixture.publishAlert();
    let bound = 0;
    for (let kill = 0; kill < 5; kill += 1) {
      const { child, owner } = await startWorker();
      await pause(100 + Math.random() * 400);
      child.kill('SIGKILL');
      await once(child, 'exit');
      bound += await fixture.inFlight(owner);
    }
    const { child } = await startWorker();
    const started = performance.now();
    while ((await fixture.unsent(broadcast.id)) > 0 && performance.now() - started < TIME_LIMIT_MS) await pause(200);
    child.kill('SIGTERM');
    await once(child, 'exit');
    const ids = sink.messages.map(messageId);
    return {
      scenario: 'worker SIGKILLed 5 times, 3,000 recipients',
      messages: 3000,
      duplicates: ids.length - new Set(ids).size,
      unsent: await fixture.unsent(broadcast.id),
      bound,
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await sink.stop();
    await fixture.close();
  }
}

export async function measure() {
  const sink = await startSmtpSink({ keep: false });
  let handOff;
  try {
    const bare = await handOffBarePool(sink.url);
    const outbox = await handOffThroughOutbox(sink.url);
    handOff = { bare, outbox };
  } finally {
    await sink.stop();
  }
  const faults = [await relayOutage(), await slowSmsGateway(), await workerCrashes()];
  if (faults.some((f) => f.unsent > 0 || f.duplicates > f.bound)) process.exitCode = 1;
  return { handOff, faults };
}

export function report(result) {
  const stats = (values) => ({ p50: percentile(values, 50), p95: percentile(values, 95), last: Math.max(...values) });
  const bare = stats(result.handOff.bare);
  const outbox = stats(result.handOff.outbox);
  const ms = (value) => `${value.toFixed(0)} ms`;
  return [
    table(
      ['path', 'p50 hand-off', 'p95 hand-off', 'last message', 'p95 ratio'],
      [
        ['bare nodemailer pool (baseline)', ms(bare.p50), ms(bare.p95), ms(bare.last), times(1, 'baseline')],
        [
          'approval → outbox → worker → relay',
          ms(outbox.p50),
          ms(outbox.p95),
          ms(outbox.last),
          times(outbox.p95 / bare.p95, 'baseline'),
        ],
      ],
    ),
    '',
    table(
      ['fault scenario', 'messages', 'duplicates', 'allowed (in flight at a crash)', 'left unsent'],
      result.faults.map((f) => [f.scenario, f.messages, f.duplicates, f.bound, f.unsent]),
    ),
  ].join('\n');
}
