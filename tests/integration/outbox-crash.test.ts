import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { User } from '../../src/server/auth/user-store.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { countRow, integer } from '../../src/server/store/columns.ts';
import { projectRoot } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';
import { publishAlert } from '../helpers/publish-broadcast.ts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';
import { exited, startWorkerProcess } from '../helpers/worker-process.ts';

const RECIPIENTS = 10_000;
const KILLS = 20;
const dataDir = mkdtempSync(join(tmpdir(), 'baken-crash-'));
let sink: SmtpSink;
// The relay the workers use: `sink`, restarted on the same port whenever the flapping test brings it back.
const relay = { url: '', received: [] as ReceivedMail[] };
let services: Services;
let authors: { anna: User; bram: User };
// Every worker process started, so none outlives the test even when it fails half-way.
const workers = new Set<ChildProcess>();

const messageIds = (messages: ReceivedMail[]) =>
  messages.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw.toString('latin1'))?.[1] ?? '');

/** Starts `npm run worker` on this test's data folder and relay (see startWorkerProcess). */
const startWorker = () =>
  startWorkerProcess(
    {
      BAKEN_DATA_DIR: dataDir,
      BAKEN_SMTP_URL: relay.url,
      BAKEN_OUTBOX_LEASE_MS: '1500',
      BAKEN_OUTBOX_BATCH: '100',
      // A relay that comes and goes: short breaker and backoff, so the test does not wait minutes.
      BAKEN_BREAKER_COOLDOWN_MS: '300',
      BAKEN_RETRY_BASE_MS: '100',
      BAKEN_RETRY_MAX_DELAY_MS: '800',
    },
    workers,
    20_000,
  );

beforeAll(async () => {
  sink = await startSmtpSink();
  relay.url = sink.url;
  // The same database file and key folder as the worker processes (BAKEN_DATA_DIR).
  services = await createServices({
    database: { sqlite: join(dataDir, 'baken.sqlite') },
    keyDir: dataDir,
    clock: systemClock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
  authors = {
    anna: await services.users.add('anna', 'coordinator', await hashPassword('correct horse battery staple')),
    bram: await services.users.add('bram', 'coordinator', await hashPassword('correct horse battery staple')),
  };
  await services.atomically(async () => {
    for (let i = 0; i < RECIPIENTS; i += 1) {
      await services.subscribers.upsertIntoList(
        'Iedereen',
        {
          name: `Ontvanger ${i}`,
          email: `r${i}@crash.example`,
          phone: null,
          preferredChannel: 'email',
          fallbackChannel: null,
          consent: 'test',
        },
        true,
      );
    }
  });
});

/** Publishes an alert to everyone; returns its id. */
const publish = () => publishAlert(services, authors, 'Iedereen', ['email']);

/** How many outbox rows of `broadcastId` match `condition` (SQL on the outbox). */
const countOf = async (broadcastId: string, condition: string) =>
  (
    await services.database.sql.get(
      countRow,
      `SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = $1 AND ${condition}`,
      [broadcastId],
    )
  )?.n ?? 0;

const sendingNow = async (owner?: string) =>
  (
    await services.database.sql.get(
      countRow,
      `SELECT COUNT(*) AS n FROM outbox WHERE status = 'sending'${owner ? ' AND lease_owner = $1' : ''}`,
      owner ? [owner] : [],
    )
  )?.n ?? 0;

/**
 * Takes the relay away and brings it back on the same port, again and again, until `stop`
 * aborts. Returns how many messages were in a worker's hands at each drop: the only ones
 * a drop may duplicate (accepted by the relay, but the answer lost).
 */
async function flapRelay(stop: AbortSignal): Promise<number> {
  let inFlightAtDrops = 0;
  const port = Number(new URL(relay.url).port);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  while (!stop.aborted) {
    await pause(400 + Math.random() * 800);
    inFlightAtDrops += await sendingNow();
    // Collect after stopping: a session open at the stop may still hand over a message.
    await sink.stop();
    relay.received.push(...sink.messages);
    await pause(300 + Math.random() * 900);
    sink = await startSmtpSink({ port });
  }
  return inFlightAtDrops;
}

afterAll(async () => {
  for (const child of workers) child.kill('SIGKILL');
  await sink?.stop();
  await services?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the outbox under SIGKILL', () => {
  it.each([
    ['a steady relay', false],
    ['a relay that comes and goes', true],
  ])(
    `delivers to all ${RECIPIENTS} recipients through ${KILLS} crashes with %s, resending at most what was in flight`,
    async (_name, flapping) => {
      const broadcastId = await publish();
      relay.received.length = 0;
      sink.messages.length = 0;
      const flap = new AbortController();
      const flapped = flapping ? flapRelay(flap.signal) : Promise.resolve(0);
      let inFlightAtKills = 0;
      for (let kill = 0; kill < KILLS; kill += 1) {
        const { child, owner } = await startWorker();
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 400));
        child.kill('SIGKILL');
        await exited(child);
        // Rows the killed worker had claimed but not finished: the only ones it may have sent without recording it.
        inFlightAtKills += await sendingNow(owner);
      }
      const sentBeforeFinal = await countOf(broadcastId, "status = 'sent'");
      expect(sentBeforeFinal).toBeGreaterThan(0);

      const { child } = await startWorker();
      const drainStarted = Date.now();
      const deadline = drainStarted + 240_000;
      let left = RECIPIENTS;
      while (left > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        left = await countOf(broadcastId, "status <> 'sent'");
        // Let the relay flap through the first part of the drain too, then stay up.
        if (Date.now() - drainStarted > 20_000) flap.abort();
      }
      flap.abort();
      const inFlightAtDrops = await flapped;
      child.kill('SIGTERM');
      await exited(child);
      const states = await services.database.sql.all(
        z.object({ status: z.string(), n: integer }),
        'SELECT status, COUNT(*) AS n FROM outbox WHERE broadcast_id = $1 GROUP BY status',
        [broadcastId],
      );
      expect(left, JSON.stringify(states)).toBe(0);

      const received = [...relay.received, ...sink.messages].filter((m) =>
        present(messageIds([m])[0], 'a Message-ID').includes(broadcastId),
      );
      const ids = messageIds(received);
      const unique = new Set(ids);
      expect(unique.size).toBe(RECIPIENTS);
      const recipients = new Set(received.flatMap((m) => m.recipients));
      expect(recipients.size).toBe(RECIPIENTS);
      const duplicates = ids.length - unique.size;
      console.log(
        `crash test (${_name}): ${KILLS} kills, ${inFlightAtKills} rows in flight at the kills, ${inFlightAtDrops} at relay drops, ${duplicates} duplicates delivered, ${sentBeforeFinal} sent before the last restart`,
      );
      expect(duplicates).toBeLessThanOrEqual(inFlightAtKills + inFlightAtDrops);
    },
    500_000,
  );
});
