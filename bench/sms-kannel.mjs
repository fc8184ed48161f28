// SMS throughput: messages per second through Baken's Kannel transport into Kannel (bearerbox,
// smsbox, fake SMSC) until fakesmsc has received them all, against plain sendsms requests
// (the baseline) to the same Kannel.
import { performance } from 'node:perf_hooks';
import { createKannelTransport } from '../src/server/transports/kannel-transport.ts';
import { startKannel } from '../tests/helpers/kannel.ts';
import { waitFor } from '../tests/helpers/wait-for.ts';
import { roundRows, table } from './lib/format.mjs';

const MESSAGES = 500;
const ROUNDS = 3;
// Requests in flight at once, as a few outbox workers would have.
const CONCURRENCY = 10;
const TIME_LIMIT_MS = 60_000;
const TEXT = 'Stroomstoring: de school blijft open tot 15:00. Kijk op baken.example voor nieuws.';

export const title = `SMS: ${MESSAGES} messages through the Kannel transport into fakesmsc vs plain sendsms requests`;

/** Sends MESSAGES with `send(to)`, CONCURRENCY at a time, and waits until fakesmsc has all of them. */
async function run(kannel, send, prefix) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < MESSAGES) {
      const index = next++;
      await send(`${prefix}${String(index).padStart(5, '0')}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await waitFor(
    `${MESSAGES} messages at fakesmsc`,
    () => (kannel.received.filter((message) => message.to.startsWith(prefix)).length >= MESSAGES ? true : undefined),
    TIME_LIMIT_MS,
    10,
  );
  return MESSAGES / ((performance.now() - started) / 1000);
}

/** Runs the baseline and the transport in turns, ROUNDS times each; keeps each one's best round. */
export async function measure() {
  const kannel = await startKannel();
  try {
    const transport = createKannelTransport({ url: kannel.sendsmsUrl, from: 'Baken' });
    const plain = async (to) => {
      const url = new URL(kannel.sendsmsUrl);
      for (const [key, value] of Object.entries({ from: 'Baken', to, text: TEXT, charset: 'UTF-8' }))
        url.searchParams.set(key, value);
      const response = await fetch(url);
      await response.text();
      if (!response.ok) throw new Error(`sendsms answered ${response.status}`);
    };
    const viaTransport = (to) => transport.send({ channel: 'sms', to, text: TEXT, idempotencyKey: `bench-${to}` });
    const rounds = { plain: [], transport: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      rounds.plain.push(await run(kannel, plain, `+3161${round}0`));
      rounds.transport.push(await run(kannel, viaTransport, `+3161${round}1`));
    }
    const best = { plain: Math.max(...rounds.plain), transport: Math.max(...rounds.transport) };
    return { messages: MESSAGES, rounds, best, ratio: best.transport / best.plain };
  } finally {
    await kannel.stop();
  }
}

/** Renders the best round of each, and the transport as a ratio to plain requests. */
export function report(result) {
  return [
    table(
      ['sender', 'SMS/s per round', 'best SMS/s', 'ratio'],
      roundRows(result, 'plain', [
        ['plain sendsms requests (baseline)', 'plain'],
        ['Baken Kannel transport', 'transport'],
      ]),
    ),
    '',
    `Counted from the first request until fakesmsc received the last message; ${CONCURRENCY} requests in flight.`,
  ].join('\n');
}
