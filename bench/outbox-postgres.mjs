// Email throughput of the whole delivery path when it scales out: 100,000 recipients through
// the outbox on PostgreSQL with 1, 2 and 4 worker processes (`npm run worker`), beside one
// worker on the embedded SQLite store and a bare nodemailer pool (the baseline) sending the
// same number of messages straight to the sink. The sink runs in its own process; PostgreSQL
// is a throw-away cluster on this machine, as in the tests.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { startWorkerProcess } from '../tests/helpers/worker-process.ts';
import { table, times } from './lib/format.mjs';
import { outboxFixture } from './lib/outbox-fixture.mjs';

const RECIPIENTS = 100_000;
const WORKERS = [1, 2, 4];
const TIME_LIMIT_MS = 900_000;

export const title = `Scale-out: ${RECIPIENTS.toLocaleString('en')} emails through the outbox on PostgreSQL with ${WORKERS.join(', ')} worker processes, beside SQLite and a bare nodemailer pool`;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One run: a fresh store with RECIPIENTS subscribers, `workers` worker processes started and
 * ready, then the approval (which queues every message) and the time until the last is sent.
 */
async function runOutbox(sinkUrl, workers, database) {
  const fixture = await outboxFixture(RECIPIENTS, database ? { database } : {});
  const env = {
    BAKEN_DATA_DIR: fixture.dir,
    BAKEN_SMTP_URL: sinkUrl,
    ...(database ? { BAKEN_DATABASE_URL: database } : {}),
  };
  const running = new Set();
  const children = (
    await Promise.all(
      Array.from({ length: workers }, () => startWorkerProcess({ BAKEN_OUTBOX_BATCH: '200', ...env }, running, 60_000)),
    )
  ).map(({ child }) => child);
  try {
    const approveStarted = performance.now();
    const broadcast = await fixture.publishAlert();
    const approveSeconds = (performance.now() - approveStarted) / 1000;
    const started = performance.now();
    while ((await fixture.unsent(broadcast.id)) > 0) {
      if (performance.now() - started > TIME_LIMIT_MS) throw new Error(`more than ${TIME_LIMIT_MS} ms`);
      await pause(250);
    }
    const perSecond = RECIPIENTS / ((performance.now() - started) / 1000);
    console.log(`  ${database ? 'PostgreSQL' : 'SQLite'}, ${workers} worker(s): ${perSecond.toFixed(0)} emails/s`);
    return { perSecond, approveSeconds };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
    await fixture.close();
  }
}

/** The baseline: RECIPIENTS messages through a bare nodemailer pool, all handed over at once. */
async function runBare(url) {
  const pool = nodemailer.createTransport({ url, pool: true });
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: RECIPIENTS }, (_, index) =>
        pool.sendMail({
          from: 'Baken <baken@gemeente.example>',
          to: `r${index}@bench.example`,
          subject: 'Stroomstoring: noodsteunpunten open',
          text: 'De noodsteunpunten zijn open. Luister naar de regionale omroep.\n'.repeat(10),
          messageId: `<bench-${index}@gemeente.example>`,
        }),
      ),
    );
    return RECIPIENTS / ((performance.now() - started) / 1000);
  } finally {
    pool.close();
  }
}

export async function measure() {
  const sink = fork(new URL('./lib/smtp-sink-process.mjs', import.meta.url), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cluster = await startPostgres();
  try {
    const [{ url }] = await once(sink, 'message');
    const bare = await runBare(url);
    console.log(`  bare nodemailer pool: ${bare.toFixed(0)} emails/s`);
    const sqlite = await runOutbox(url, 1);
    const postgres = [];
    for (const workers of WORKERS) {
      const database = await cluster.newDatabase(`bench_${workers}`);
      postgres.push({ workers, ...(await runOutbox(url, workers, database)) });
    }
    return { bare, sqlite, postgres };
  } finally {
    await cluster.stop();
    sink.kill();
  }
}

export function report(result) {
  const one = result.postgres[0]?.perSecond ?? 0;
  return [
    table(
      ['sender', 'emails/s', 'ratio to bare pool', 'ratio to 1 PG worker', 'approval (queueing) s'],
      [
        ['bare nodemailer pool (baseline)', result.bare.toFixed(0), times(1, 'baseline'), '', ''],
        [
          'outbox on SQLite, 1 worker process',
          result.sqlite.perSecond.toFixed(0),
          times(result.sqlite.perSecond / result.bare, 'baseline'),
          '',
          result.sqlite.approveSeconds.toFixed(1),
        ],
        ...result.postgres.map((run) => [
          `outbox on PostgreSQL, ${run.workers} worker process${run.workers === 1 ? '' : 'es'}`,
          run.perSecond.toFixed(0),
          times(run.perSecond / result.bare, 'baseline'),
          times(run.perSecond / one, '1 worker'),
          run.approveSeconds.toFixed(1),
        ]),
      ],
    ),
    '',
    `Machine: ${availableParallelism()} cores shared by the sink, PostgreSQL and the workers; see README "Scale-out" for what more workers buy.`,
  ].join('\n');
}
