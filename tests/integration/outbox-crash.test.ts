import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { transaction } from '../../src/server/store/database.ts';
import { projectRoot } from '../helpers/hub-server.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const RECIPIENTS = 10_000;
const KILLS = 20;
const dataDir = mkdtempSync(join(tmpdir(), 'baken-crash-'));
let sink: SmtpSink;
let services: Services;
let broadcastId: string;
// Every worker process started, so none outlives the test even when it fails half-way.
const workers = new Set<ChildProcess>();

const messageIds = (s: SmtpSink) => s.messages.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw.toString('latin1'))?.[1] ?? '');

/** Starts `npm run worker` (scripts/worker.ts) and resolves with its lease owner name once it runs. */
function startWorkerProcess(): Promise<{ child: ChildProcess; owner: string }> {
  const child = spawn(process.execPath, [join(projectRoot, 'scripts/worker.ts')], {
    cwd: projectRoot,
    env: { ...process.env, BAKEN_DATA_DIR: dataDir, BAKEN_SMTP_URL: sink.url, BAKEN_OUTBOX_LEASE_MS: '1500', BAKEN_OUTBOX_BATCH: '100' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.add(child);
  child.once('exit', () => workers.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const owner = /Baken-verzender (\S+) draait/.exec(output)?.[1];
      if (owner) {
        clearTimeout(timer);
        resolve({ child, owner });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

beforeAll(async () => {
  sink = await startSmtpSink();
  services = createServices({ databasePath: join(dataDir, 'baken.sqlite'), clock: systemClock, scripts: fileScriptSource(join(projectRoot, 'content')) });
  const [anna, bram] = [
    services.users.add('anna', 'coordinator', await hashPassword('correct horse battery staple')),
    services.users.add('bram', 'coordinator', await hashPassword('correct horse battery staple')),
  ];
  transaction(services.db, () => {
    for (let i = 0; i < RECIPIENTS; i += 1) {
      services.subscribers.upsertIntoList('Iedereen', { name: `Ontvanger ${i}`, email: `r${i}@crash.example`, phone: null, preferredChannel: 'email', fallbackChannel: null, consent: 'test' }, true);
    }
  });
  const created = await services.broadcastService.create(
    { script: 'zorg-stroomuitval', channels: ['email'], lists: ['Iedereen'], training: false, fields: { organisatie: 'Zorggroep X', gemeente: 'Voorbeeldstad', locatie: 'De Brug', tijd: '14:00' }, severity: 'Severe', area: 'Voorbeeldstad' },
    anna,
  );
  if (!created.ok) throw new Error('create failed');
  broadcastId = created.value.id;
  services.broadcastService.submit(broadcastId, anna);
  expect(services.broadcastService.approve(broadcastId, bram).ok).toBe(true);
});

afterAll(async () => {
  for (const child of workers) child.kill('SIGKILL');
  await sink?.stop();
  services?.db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the outbox under SIGKILL', () => {
  it(`delivers to all ${RECIPIENTS} recipients through ${KILLS} crashes, resending at most what was in flight`, async () => {
    let inFlightAtKills = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const { child, owner } = await startWorkerProcess();
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 400));
      child.kill('SIGKILL');
      await killed(child);
      // Rows the killed worker had claimed but not finished: the only ones it may have sent without recording it.
      inFlightAtKills += (services.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sending' AND lease_owner = ?").get(owner) as { n: number }).n;
    }
    const sentBeforeFinal = (services.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = ? AND status = 'sent'").get(broadcastId) as { n: number }).n;
    expect(sentBeforeFinal).toBeGreaterThan(0);

    const { child } = await startWorkerProcess();
    const deadline = Date.now() + 120_000;
    let left = RECIPIENTS;
    while (left > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      left = (services.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = ? AND status <> 'sent'").get(broadcastId) as { n: number }).n;
    }
    child.kill('SIGTERM');
    await killed(child);
    expect(left).toBe(0);

    const ids = messageIds(sink);
    const unique = new Set(ids);
    expect(unique.size).toBe(RECIPIENTS);
    const recipients = new Set(sink.messages.flatMap((m) => m.recipients));
    expect(recipients.size).toBe(RECIPIENTS);
    const duplicates = ids.length - unique.size;
    console.log(`crash test: ${KILLS} kills, ${inFlightAtKills} rows in flight at the kills, ${duplicates} duplicates delivered, ${sentBeforeFinal} sent before the last restart`);
    expect(duplicates).toBeLessThanOrEqual(inFlightAtKills);
  }, 300_000);
});
