import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices } from '../../src/server/services.ts';
import { runBakenCli } from '../helpers/baken-cli.ts';
import { projectRoot } from '../helpers/hub-server.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Adds `n` entries to the audit log in `dataDir`, as the hub does. */
async function addEntries(dataDir: string, n: number): Promise<void> {
  const services = await createServices({
    database: { sqlite: join(dataDir, 'baken.sqlite') },
    keyDir: dataDir,
    clock: systemClock,
    scripts: fileScriptSource(join(projectRoot, 'content')),
  });
  try {
    for (let i = 1; i <= n; i += 1)
      await services.audit.append({ actor: 'anna', action: 'broadcast.submitted', subject: `broadcast:b${i}` });
  } finally {
    await services.close();
  }
}

/** A data folder whose audit log has `n` entries. */
async function dataDirWithEntries(n: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'baken-audit-'));
  dirs.push(dir);
  await addEntries(dir, n);
  return dir;
}

function verify(dataDir: string): { status: number | null; output: string } {
  const result = runBakenCli(dataDir, ['audit', 'verify']);
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Opens the database as an attacker with write access would: triggers gone. */
function tamper(dataDir: string, work: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(join(dataDir, 'baken.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  work(db);
  db.close();
}

type Row = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
};

/** Recomputes every hash the way an attacker without the key can: plain SHA-256 over the chain. */
function rehash(db: DatabaseSync): void {
  let prev = '0'.repeat(64);
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]) {
    const body = `${prev}\n${JSON.stringify([row.seq, row.at, row.actor, row.action, row.subject, JSON.parse(row.details)])}`;
    const hash = createHash('sha256').update(body).digest('hex');
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
    prev = hash;
  }
}

describe('npm run baken -- audit verify', () => {
  it('passes an untouched log, and keeps its key and anchor private', async () => {
    const dir = await dataDirWithEntries(2);
    expect(verify(dir)).toMatchObject({ status: 0, output: expect.stringContaining('Auditlog in orde: 2 regels') });
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'audit-anchor.log')).mode & 0o777).toBe(0o600);
  });

  it('fails on an entry that was edited and re-hashed', async () => {
    const dir = await dataDirWithEntries(3);
    tamper(dir, (db) => {
      db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
      rehash(db);
    });
    const result = verify(dir);
    expect(result.status).toBe(1);
    expect(result.output).toContain('regel 1: de inhoud is gewijzigd');
  });

  it('fails when the last entries were deleted', async () => {
    const dir = await dataDirWithEntries(4);
    tamper(dir, (db) => db.exec('DELETE FROM audit_log WHERE seq > 2'));
    const result = verify(dir);
    expect(result.status).toBe(1);
    expect(result.output).toContain('de laatste 2 regels ontbreken (regel 3 tot en met 4 zijn verwijderd)');
  });

  it('fails when the whole log was emptied', async () => {
    const dir = await dataDirWithEntries(2);
    tamper(dir, (db) => db.exec('DELETE FROM audit_log'));
    const result = verify(dir);
    expect(result.status).toBe(1);
    expect(result.output).toContain('het auditlog is leeg, maar het anker kent 2 regels');
  });

  it('adopts a log written before entries were keyed, and still notices a rewrite of it', async () => {
    const dir = await dataDirWithEntries(3);
    // Make it look like an old log: plain SHA-256 chain, no anchor, no key yet.
    tamper(dir, rehash);
    rmSync(join(dir, 'audit-anchor.log'));
    rmSync(join(dir, 'secret.key'));
    expect(verify(dir)).toMatchObject({ status: 0, output: expect.stringContaining('3 regels') });
    await addEntries(dir, 1);
    expect(verify(dir)).toMatchObject({ status: 0, output: expect.stringContaining('4 regels') });
    tamper(dir, (db) => {
      db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run();
      rehash(db);
    });
    const result = verify(dir);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/regel 3: de oude regels zijn herschreven|regel 4: de inhoud is gewijzigd/);
  });
});
