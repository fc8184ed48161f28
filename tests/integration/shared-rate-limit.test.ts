// The shared rate limit as a relay counts it: however long the relay (or the network, or a
// worker) stalls, the messages that then arrive together never make one second at the relay
// hold more than its limit. Real SMTP to a sink in its own process, frozen with SIGSTOP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/server/clock.ts';
import { ProviderPool } from '../../src/server/outbox/provider-pool.ts';
import { createSmtpTransport } from '../../src/server/transports/smtp-transport.ts';
import type { EmailMessage, EmailTransport } from '../../src/server/transports/transport.ts';
import { type SmtpSinkProcess, startSmtpSinkProcess } from '../helpers/smtp-sink-process.ts';
import { type TestServices, testServices } from '../helpers/test-services.ts';

const RATE = 20;
const MESSAGES = 90;

let sink: SmtpSinkProcess;
let transport: EmailTransport;
let services: TestServices;

beforeAll(async () => {
  sink = await startSmtpSinkProcess();
  transport = createSmtpTransport({
    name: 'smtp-1',
    url: sink.url,
    from: 'Baken <baken@gemeente.example>',
    messageIdDomain: 'gemeente.example',
  });
  services = await testServices();
}, 30_000);

afterAll(async () => {
  await transport?.close();
  await sink?.stop();
  await services?.close();
});

function email(n: number): EmailMessage {
  return {
    channel: 'email',
    to: `ouder${n}@school.example`,
    subject: 'Stroomstoring',
    text: 'De school blijft open. snelheidstest',
    headers: {},
    idempotencyKey: `rate-test.${n}.email`,
  };
}

/** The most messages within any window of `windowMs` (half-open, as a per-second counter sees it). */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('the rate limit shared through the store', () => {
  it(`keeps every second at the relay within ${RATE} messages when the relay stalls twice`, async () => {
    const pool = new ProviderPool([transport], systemClock, {
      rateLimits: { 'smtp-1': RATE },
      shared: services.providerState,
    });
    const sending = Promise.all(Array.from({ length: MESSAGES }, (_, n) => pool.send(email(n))));
    // Two stalls: sends keep being started meanwhile and would all arrive the moment it wakes.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await sink.freeze(1500);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await sink.freeze(1200);
    const results = await sending;
    expect(results.every((r) => r.ok)).toBe(true);
    const times = (await sink.messages('snelheidstest')).map((m) => m.at);
    expect(times).toHaveLength(MESSAGES);
    console.log(`shared rate limit: busiest second at the relay ${busiest(times, 1000)} (limit ${RATE})`);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(RATE);
  }, 60_000);
});
