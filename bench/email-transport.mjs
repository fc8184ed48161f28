// Email throughput: messages per second through Baken's SmtpTransport against a bare
// nodemailer pool with its default settings (the baseline), both to the same loopback SMTP
// sink in a child process. A bare pool with Baken's pool settings shows what the adapter
// itself costs.
// The last row goes through the whole delivery path: outbox rows in SQLite, claimed with a
// lease by an OutboxWorker, built into messages and sent through SmtpTransport.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { OutboxWorker } from '../src/server/outbox/worker.ts';
import { createSmtpTransport, POOL_DEFAULTS } from '../src/server/transports/smtp-transport.ts';
import { roundRows, table, times } from './lib/format.mjs';
import { outboxFixture } from './lib/outbox-fixture.mjs';

const MESSAGES = 3000;
const ROUNDS = 3;
const TIME_LIMIT_MS = 60_000;
// Goals from the issue: at least 500 emails/s, and at least 0.8× a bare nodemailer pool.
const GOAL = { perSecond: 500, ratio: 0.8 };

export const title = `Email: ${MESSAGES.toLocaleString('en')} messages through Baken (outbox + worker + SmtpTransport) vs a bare nodemailer pool (loopback SMTP sink)`;

/** Publishes a broadcast to MESSAGES subscribers and times an OutboxWorker (as `npm start` runs it) sending all of it. */
async function runOutbox(fixture, smtp) {
  const broadcast = await fixture.publishAlert();
  const worker = new OutboxWorker({
    outbox: fixture.services.outbox,
    clock: fixture.services.clock,
    live: { email: [smtp], sms: [] },
    spool: { email: [], sms: [] },
    publicUrl: 'https://baken.example',
    batchSize: 200,
  });
  const controller = new AbortController();
  const started = performance.now();
  const running = worker.run(controller.signal, 5);
  try {
    while ((await fixture.unsent(broadcast.id)) > 0) {
      if (performance.now() - started > TIME_LIMIT_MS) throw new Error(`more than ${TIME_LIMIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return MESSAGES / ((performance.now() - started) / 1000);
  } finally {
    controller.abort();
    await running;
  }
}

const message = (index) => ({
  to: `lid${index}@vereniging.example`,
  subject: 'Stroomstoring: school blijft open',
  text: 'De school blijft open. Kijk op de site voor het laatste nieuws.\n'.repeat(10),
  headers: {
    'List-Unsubscribe': `<https://baken.example/afmelden/${index}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  key: `bench-${index}`,
});

/** Sends MESSAGES through `send` all at once (the pool queues them) and returns messages per second. */
async function run(send) {
  const started = performance.now();
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`more than ${TIME_LIMIT_MS} ms`)), TIME_LIMIT_MS);
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: MESSAGES }, (_, index) => send(message(index)))), limit]);
  } finally {
    clearTimeout(timer);
  }
  return MESSAGES / ((performance.now() - started) / 1000);
}

/** Runs baseline and SmtpTransport in turns, ROUNDS times each, and keeps each one's best round. */
export async function measure() {
  // The sink runs in its own process, as a relay would, so it does not share a core with the sender.
  const sink = fork(new URL('./lib/smtp-sink-process.mjs', import.meta.url), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const [{ url }] = await once(sink, 'message');
    const bare = nodemailer.createTransport({ url, pool: true });
    const tuned = nodemailer.createTransport({ url, ...POOL_DEFAULTS, pool: true });
    const baken = createSmtpTransport({
      name: 'smtp-1',
      url,
      from: 'Baken <baken@gemeente.example>',
      messageIdDomain: 'gemeente.example',
    });
    const sendWith = (pool) => (m) =>
      pool.sendMail({
        from: 'Baken <baken@gemeente.example>',
        to: m.to,
        subject: m.subject,
        text: m.text,
        headers: m.headers,
        messageId: `<${m.key}@gemeente.example>`,
      });
    const sendBaken = (m) =>
      baken.send({
        channel: 'email',
        to: m.to,
        subject: m.subject,
        text: m.text,
        headers: m.headers,
        idempotencyKey: m.key,
      });
    const fixture = await outboxFixture(MESSAGES);
    const rounds = { bare: [], tuned: [], baken: [], outbox: [] };
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        rounds.bare.push(await run(sendWith(bare)));
        rounds.tuned.push(await run(sendWith(tuned)));
        rounds.baken.push(await run(sendBaken));
        rounds.outbox.push(await runOutbox(fixture, baken));
      }
    } finally {
      bare.close();
      tuned.close();
      await baken.close();
      await fixture.close();
    }
    const best = Object.fromEntries(Object.entries(rounds).map(([key, values]) => [key, Math.max(...values)]));
    const ratio = best.outbox / best.bare;
    if (best.outbox < GOAL.perSecond || ratio < GOAL.ratio) process.exitCode = 1;
    return { messages: MESSAGES, rounds, best, ratio, ratioToTuned: best.baken / best.tuned };
  } finally {
    sink.kill();
  }
}

/** Renders the best round of each, and SmtpTransport as a ratio to the bare pool. */
export function report(result) {
  return [
    table(
      ['sender', 'emails/s per round', 'best emails/s', 'ratio'],
      roundRows(result, 'bare', [
        ['bare nodemailer pool, defaults (baseline)', 'bare'],
        [`bare nodemailer pool, Baken's pool settings`, 'tuned'],
        ['Baken SmtpTransport alone', 'baken'],
        ['Baken: outbox + worker + SmtpTransport', 'outbox'],
      ]),
    ),
    '',
    `Through Baken (outbox + worker): ${times(result.ratio, 'bare pool')} (goal ≥ ${GOAL.ratio}), ${result.best.outbox.toFixed(0)} emails/s (goal ≥ ${GOAL.perSecond}); ` +
      `SmtpTransport alone: ${times(result.ratioToTuned, 'a bare pool with the same settings')}.`,
  ].join('\n');
}
