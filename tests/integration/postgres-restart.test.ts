// PostgreSQL goes away mid-send, as a restart or a failover takes it away (fast shutdown: open
// sessions are cut off), and comes back on the same address. The web process and the worker
// must live through it, answer again, and deliver every message.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { integer } from '../../src/server/store/columns.ts';
import { ApiClient, addUserWithCli } from '../helpers/api-client.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';
import { type RunningPostgres, startPostgres } from '../helpers/postgres.ts';
import { alertInput } from '../helpers/publish-broadcast.ts';
import { type SmtpSinkProcess, startSmtpSinkProcess } from '../helpers/smtp-sink-process.ts';
import { type TestServices, testServices } from '../helpers/test-services.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { startWorkerProcess } from '../helpers/worker-process.ts';

const RECIPIENTS = 240;
const RATE = 40;
const LEASE_MS = 3000;
const PASSWORD = 'correct horse battery staple';

let cluster: RunningPostgres;
let databaseUrl: string;
let sink: SmtpSinkProcess;
let web: RunningHub;
let store: TestServices;
const workers = new Set<ChildProcess>();
let workerOutput = '';

const countRow = z.object({ n: integer });
const count = async (sql: string, params: string[] = []) =>
  (await store.database.sql.get(countRow, sql, params))?.n ?? 0;

/** Waits until every message of broadcast `id` is sent; says what the outbox, worker and web process show if not. */
async function allSent(id: string): Promise<void> {
  await waitFor(
    `every message of ${id} sent`,
    async () =>
      (await count("SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = $1 AND status <> 'sent'", [id])) === 0
        ? true
        : undefined,
    120_000,
    500,
  ).catch(async (error: unknown) => {
    const states = await store.database.sql.all(
      z.object({ status: z.string(), n: integer }),
      'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status',
    );
    throw new Error(
      `${error}\noutbox: ${JSON.stringify(states)}\nworker:\n${workerOutput.slice(-3000)}\nweb:\n${web.output().slice(-2000)}`,
    );
  });
}

beforeAll(async () => {
  cluster = await startPostgres();
  databaseUrl = await cluster.newDatabase('restart');
  sink = await startSmtpSinkProcess();
  web = await startHub({ env: { BAKEN_DATABASE_URL: databaseUrl, BAKEN_WORKER: '0', BAKEN_SMTP_URL: sink.url } });
  store = await testServices({ postgres: databaseUrl }, web.dataDir);
  for (const name of ['anna', 'bram'])
    addUserWithCli(web.dataDir, name, PASSWORD, 'coordinator', [], { BAKEN_DATABASE_URL: databaseUrl });
  for (let n = 0; n < RECIPIENTS; n += 1)
    await store.subscribers.upsertIntoList(
      'Iedereen',
      {
        name: `Ontvanger ${n}`,
        email: `r${n}@herstart.example`,
        phone: null,
        preferredChannel: 'email',
        fallbackChannel: null,
        consent: 'test',
      },
      true,
    );
  const worker = await startWorkerProcess(
    {
      BAKEN_DATA_DIR: web.dataDir,
      BAKEN_DATABASE_URL: databaseUrl,
      BAKEN_SMTP_URL: sink.url,
      BAKEN_RATE_LIMITS: `smtp-1=${RATE}`,
      BAKEN_OUTBOX_LEASE_MS: String(LEASE_MS),
    },
    workers,
  );
  for (const stream of [worker.child.stdout, worker.child.stderr])
    stream?.on('data', (chunk: Buffer) => {
      workerOutput += chunk.toString();
    });
}, 120_000);

afterAll(async () => {
  for (const child of workers) child.kill('SIGKILL');
  await store?.close();
  await web?.stop();
  await sink?.stop();
  await cluster?.stop();
});

describe('a restart of PostgreSQL mid-send', () => {
  it('leaves the web process and the worker running, and every message delivered', async () => {
    // The web process says where its data is and that it leaves sending to the worker.
    expect(web.output()).toMatch(/gegevens in PostgreSQL; zonder eigen verzender/);
    const anna = new ApiClient(web.url);
    const bram = new ApiClient(web.url);
    expect(await anna.login('anna', PASSWORD)).toBe(200);
    expect(await bram.login('bram', PASSWORD)).toBe(200);
    const created = await anna.post('/api/broadcasts', alertInput(['Iedereen'], ['email']));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    expect((await anna.post(`/api/broadcasts/${id}/submit`)).status).toBe(200);
    expect((await bram.post(`/api/broadcasts/${id}/approve`)).status).toBe(200);

    await waitFor(
      'the first messages at the relay',
      async () => ((await sink.count()) >= RATE ? true : undefined),
      60_000,
    );
    await cluster.restart(3000);

    // The web process answers again, with the sessions it had (they are in the store).
    await waitFor(
      'the web process to answer from the store again',
      async () => ((await anna.get('/api/broadcasts')).status === 200 ? true : undefined),
      30_000,
      250,
    );
    await allSent(id);
    const received = await sink.messages('herstart.example');
    const recipients = new Set(received.flatMap((m) => m.recipients));
    expect(recipients.size).toBe(RECIPIENTS);
    // At most what the worker may hold at once (half a lease at its rate) is sent twice.
    expect(received.length - recipients.size).toBeLessThanOrEqual((RATE * LEASE_MS) / 2000);

    // And the worker still runs: a new broadcast after the restart goes out too.
    const after = await anna.post('/api/broadcasts', alertInput(['Iedereen'], ['email'], { area: 'Na de herstart' }));
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    expect((await anna.post(`/api/broadcasts/${after.body.id}/submit`)).status).toBe(200);
    expect((await bram.post(`/api/broadcasts/${after.body.id}/approve`)).status).toBe(200);
    await allSent(after.body.id);
    expect([...workers].every((child) => child.exitCode === null && child.signalCode === null)).toBe(true);
    expect(web.output()).not.toMatch(/Uncaught|unhandled/i);
  }, 300_000);
});

/** Starts `npm start` with `env` and resolves with its exit code and output once it stops (at most 60 s). */
function startAndStop(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baken-start-'));
  const child = spawn(process.execPath, [join(projectRoot, 'src/server/main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BAKEN_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, output });
    }),
  );
}

describe('starting without a usable PostgreSQL', () => {
  it('waits for a database that does not answer, then stops with a Dutch message and no stack trace', async () => {
    const url = 'postgres://baken:geheim-wachtwoord@127.0.0.1:1/baken';
    const { code, output } = await startAndStop({ BAKEN_DATABASE_URL: url, BAKEN_DATABASE_WAIT_SECONDS: '2' });
    expect(code).toBe(2);
    expect(output).toContain('wacht op PostgreSQL (database baken op 127.0.0.1:1)');
    expect(output).toContain('PostgreSQL is niet bereikbaar (database baken op 127.0.0.1:1), ook niet na 2 seconden');
    expect(output).not.toContain('geheim-wachtwoord');
    expect(output).not.toMatch(/^\s+at /m);
  }, 90_000);

  it('stops at once on a wrong password or a database that does not exist', async () => {
    const wrong = new URL(cluster.url);
    wrong.password = 'niet-het-wachtwoord';
    const refused = await startAndStop({ BAKEN_DATABASE_URL: wrong.href });
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('PostgreSQL laat Baken niet binnen');
    expect(refused.output).not.toContain('niet-het-wachtwoord');
    expect(refused.output).not.toContain('wacht op PostgreSQL');
    const missing = new URL(cluster.url);
    missing.pathname = '/bestaat_niet';
    const absent = await startAndStop({ BAKEN_DATABASE_URL: missing.href });
    expect(absent.code).toBe(2);
    expect(absent.output).toContain('De database bestaat_niet op 127.0.0.1');
    expect(absent.output).toContain('bestaat niet');
  }, 90_000);

  it('starts a worker that came up while PostgreSQL was restarting, once the database is back', async () => {
    const restarting = cluster.restart(4000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const worker = await startWorkerProcess(
      { BAKEN_DATA_DIR: web.dataDir, BAKEN_DATABASE_URL: databaseUrl, BAKEN_DATABASE_WAIT_SECONDS: '30' },
      workers,
      45_000,
    );
    await restarting;
    expect(worker.child.exitCode).toBeNull();
  }, 90_000);
});
