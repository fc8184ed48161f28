import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { runBakenCli } from '../helpers/baken-cli.ts';
import { projectRoot, type RunningHub, startServerProcess } from '../helpers/hub-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

const RECIPIENTS = 3000;
let hub: RunningHub;
let services: Services;
// Our own data folder: it must outlive the hub, which is stopped before the restore.
const dataDir = mkdtempSync(join(tmpdir(), 'baken-backup-'));

function cli(...args: string[]): { status: number | null; output: string } {
  const result = runBakenCli(hub.dataDir, args, { env: { INIT_CWD: hub.dataDir } });
  return { status: result.status, output: result.stdout + result.stderr };
}
const count = (path: string, sql: string) => {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  hub = await startServerProcess([join(projectRoot, 'src/server/main.ts')], {
    cwd: projectRoot,
    env: { PORT: '0', BAKEN_DATA_DIR: dataDir, BAKEN_DIST_DIR: join(projectRoot, 'dist') },
    dataDir,
  });
  // A published broadcast to many subscribers, for the hub's own worker to send (to the spools).
  services = await createServices({
    database: { sqlite: join(hub.dataDir, 'baken.sqlite') },
    keyDir: hub.dataDir,
    clock: systemClock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
  await services.atomically(async () => {
    await services.database.sql.run(
      `INSERT INTO broadcasts (id, message_type, script_slug, scenario, status, training, channels, lists, fields, severity, area, title, web_body, email_subject, email_text, sms_text, created_by, created_at, published_at)
       VALUES ('groot', 'alert', 's', 's', 'published', 0, '["email"]', '["Iedereen"]', '{}', 'Minor', 'x', 'Titel', 'w', 'Onderwerp', 'Tekst', 's', 'anna', $1, $2)`,
      [new Date().toISOString(), new Date().toISOString()],
    );
    const rows = [];
    for (let i = 0; i < RECIPIENTS; i += 1) {
      const email = `ontvanger${i}@x.example`;
      const { subscriber } = await services.subscribers.upsertIntoList(
        'Iedereen',
        { name: `O ${i}`, email, phone: null, preferredChannel: 'email', fallbackChannel: null, consent: 'test' },
        true,
      );
      rows.push({ broadcastId: 'groot', subscriberId: subscriber.id, channel: 'email' as const, address: email });
    }
    await services.outbox.enqueue(rows, Date.now());
  });
}, 120_000);
afterAll(async () => {
  await services?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('keeps the data folder and the database private', async () => {
    expect(statSync(hub.dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(hub.dataDir, 'baken.sqlite')).mode & 0o777).toBe(0o600);
    expect(await services.database.sql.get(z.object({ synchronous: z.number() }), 'PRAGMA synchronous')).toEqual({
      synchronous: 2,
    });
  });

  it('makes a consistent online backup while the hub is sending, and restores it', async () => {
    const live = join(hub.dataDir, 'baken.sqlite');
    await waitFor(
      'the hub to start sending',
      () => (count(live, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'") > 0 ? true : undefined),
      30_000,
    );
    const backup = cli('backup', 'kopie.sqlite');
    expect(backup).toMatchObject({ status: 0, output: expect.stringContaining('Reservekopie gemaakt') });
    const copy = join(hub.dataDir, 'kopie.sqlite');
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    const copyDb = new DatabaseSync(copy, { readOnly: true });
    expect(copyDb.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    copyDb.close();
    // One consistent moment: every row is there, each either sent or still to send.
    expect(count(copy, 'SELECT COUNT(*) AS n FROM outbox')).toBe(RECIPIENTS);
    const sentInCopy = count(copy, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'");
    await waitFor(
      'everything sent',
      () => (count(live, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'") === RECIPIENTS ? true : undefined),
      120_000,
    );
    expect(sentInCopy).toBeLessThanOrEqual(RECIPIENTS);

    expect(cli('backup', 'kopie.sqlite')).toMatchObject({ status: 2, output: expect.stringContaining('bestaat al') });

    await hub.stop();
    const restore = cli('restore', 'kopie.sqlite');
    expect(restore).toMatchObject({ status: 0, output: expect.stringContaining('Database hersteld') });
    expect(count(live, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'")).toBe(sentInCopy);
    expect(count(live, 'SELECT COUNT(*) AS n FROM subscribers')).toBe(RECIPIENTS);
    // The log now ends where the backup ended, on purpose: verify passes and names the restore.
    expect(cli('audit', 'verify')).toMatchObject({ status: 0 });
    expect(count(live, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'database.restored'")).toBe(1);
  }, 300_000);

  it('refuses to restore a file that is not a Baken database, in Dutch', () => {
    const result = cli('restore', 'secret.key');
    expect(result.status).toBe(2);
    expect(result.output).toMatch(/geen bruikbare Baken-database|beschadigd/);
  });
});
