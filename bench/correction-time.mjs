// Time for a correction to reach 10,000 recipients: an alert goes out first (not timed), then
// a correction is approved while a worker runs, as in `npm start`, and the clock runs until
// the last correction is handed to the SMTP relay (a loopback sink in its own process).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { OutboxWorker } from '../src/server/outbox/worker.ts';
import { OUTBOX_EVENT } from '../src/server/services.ts';
import { createSmtpTransport } from '../src/server/transports/smtp-transport.ts';
import { table, times } from './lib/format.mjs';
import { outboxFixture } from './lib/outbox-fixture.mjs';

const RECIPIENTS = 10_000;
const GOAL_SECONDS = 60;
const TIME_LIMIT_MS = 180_000;

export const title = `Correction to ${RECIPIENTS.toLocaleString('en')} recipients (goal ≤ ${GOAL_SECONDS} s)`;

async function until(condition, what) {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > TIME_LIMIT_MS) throw new Error(`${what}: more than ${TIME_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function measure() {
  const sink = fork(new URL('./lib/smtp-sink-process.mjs', import.meta.url), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const fixture = await outboxFixture(RECIPIENTS);
  const smtp = createSmtpTransport({
    name: 'smtp-1',
    url: (await once(sink, 'message'))[0].url,
    from: 'Baken <baken@gemeente.example>',
    messageIdDomain: 'gemeente.example',
  });
  const worker = new OutboxWorker({
    outbox: fixture.services.outbox,
    clock: fixture.services.clock,
    live: { email: [smtp], sms: [] },
    spool: { email: [], sms: [] },
    publicUrl: 'https://baken.example',
    batchSize: 200,
  });
  const controller = new AbortController();
  const wake = () => worker.wake();
  process.on(OUTBOX_EVENT, wake);
  const running = worker.run(controller.signal);
  try {
    const alert = await fixture.publishAlert();
    const alertStarted = performance.now();
    await until(async () => (await fixture.unsent(alert.id)) === 0, 'alert');
    const alertSeconds = (performance.now() - alertStarted) / 1000;
    const started = performance.now();
    const correction = await fixture.publishCorrection(alert.id);
    const publishSeconds = (performance.now() - started) / 1000;
    await until(async () => (await fixture.unsent(correction.id)) === 0, 'correction');
    const seconds = (performance.now() - started) / 1000;
    if (seconds > GOAL_SECONDS) process.exitCode = 1;
    return { alertSeconds, publishSeconds, seconds };
  } finally {
    controller.abort();
    process.off(OUTBOX_EVENT, wake);
    await running;
    await smtp.close();
    await fixture.close();
    sink.kill();
  }
}

export function report(result) {
  return [
    table(
      ['step', 'seconds', 'ratio'],
      [
        ['alert to 10,000 (baseline: same path, no correction)', result.alertSeconds.toFixed(1), times(1, 'alert')],
        [
          'correction: approve + write 10,000 outbox rows',
          result.publishSeconds.toFixed(2),
          times(result.publishSeconds / result.alertSeconds, 'alert'),
        ],
        [
          'correction: approve until the last one is sent',
          result.seconds.toFixed(1),
          times(result.seconds / result.alertSeconds, 'alert'),
        ],
      ],
    ),
    '',
    `Correction reached ${RECIPIENTS.toLocaleString('en')} recipients in ${result.seconds.toFixed(1)} s: ${times(result.seconds / GOAL_SECONDS, 'goal')}.`,
  ].join('\n');
}
