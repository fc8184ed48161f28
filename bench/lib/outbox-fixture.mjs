// A temporary Baken store with N email (or SMS) subscribers on one list, two coordinators,
// and a helper that publishes (approves) a broadcast to them: the outbox then holds N rows.
// SQLite in a temp folder by default; `options.database` gives a PostgreSQL URL instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { root } from '../../scripts/lib/tasks.mjs';
import { hashPassword } from '../../src/server/auth/password.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices } from '../../src/server/services.ts';
import { countRow, integer } from '../../src/server/store/columns.ts';

const FIELDS = {
  organisatie: 'Zorggroep De Linde',
  gemeente: 'Voorbeeldstad',
  locatie: 'Wijkcentrum De Brug',
  tijd: '14:30',
};

/** Writes `recipients` confirmed subscribers onto the list `Bench` in bulk (a fixture, not the import path). */
async function addSubscribers(sql, recipients, channel) {
  const now = '2026-11-23T09:00:00Z';
  const list = await sql.get(
    z.object({ id: integer }),
    'INSERT INTO lists (name, created_at) VALUES ($1, $2) RETURNING id',
    ['Bench', now],
  );
  for (let start = 0; start < recipients; start += 1000) {
    const values = [];
    const rows = [];
    for (let i = 0; i < Math.min(1000, recipients - start); i += 1) {
      const n = start + i;
      values.push(
        `Ontvanger ${n}`,
        channel === 'email' ? `r${n}@bench.example` : null,
        channel === 'sms' ? `+3161${String(n).padStart(7, '0')}` : null,
        `bench-token-${n}`,
      );
      const p = i * 4;
      rows.push(`($${p + 1}, $${p + 2}, $${p + 3}, '${channel}', 'bench', '${now}', $${p + 4}, '${now}')`);
    }
    await sql.run(
      `INSERT INTO subscribers (name, email, phone, preferred_channel, consent, confirmed_at, token, created_at) VALUES ${rows.join(', ')}`,
      values,
    );
  }
  await sql.run('INSERT INTO list_members (list_id, subscriber_id) SELECT $1, id FROM subscribers', [list.id]);
}

/**
 * `options.clock` replaces the system clock; `options.channel: 'sms'` gives subscribers with
 * only a phone number; `options.database` a PostgreSQL URL (BAKEN_DATABASE_URL) instead of SQLite.
 */
export async function outboxFixture(recipients, options = {}) {
  const channel = options.channel ?? 'email';
  const dir = mkdtempSync(join(tmpdir(), 'baken-bench-outbox-'));
  const services = await createServices({
    database: options.database ? { postgres: options.database } : { sqlite: join(dir, 'baken.sqlite') },
    keyDir: dir,
    clock: options.clock ?? systemClock,
    scripts: fileScriptSource(join(root, 'content')),
  });
  const password = await hashPassword('benchmark password');
  const anna = await services.users.add('anna', 'coordinator', password);
  const bram = await services.users.add('bram', 'coordinator', password);
  await addSubscribers(services.database.sql, recipients, channel);
  const approve = async (id) => {
    await services.broadcastService.submit(id, anna);
    const result = await services.broadcastService.approve(id, bram);
    if (!result.ok) throw new Error(`approve failed: ${JSON.stringify(result)}`);
    return result.value;
  };
  return {
    services,
    /** The data folder (BAKEN_DATA_DIR for a worker process on this store: it holds secret.key). */
    dir,
    /** Creates, submits and approves an alert to the list; returns the published broadcast. */
    async publishAlert() {
      const created = await services.broadcastService.create(
        {
          script: 'zorg-stroomuitval',
          channels: [channel],
          lists: ['Bench'],
          training: false,
          fields: FIELDS,
          severity: 'Severe',
          area: 'Voorbeeldstad',
        },
        anna,
      );
      if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`);
      return approve(created.value.id);
    },
    /** Starts a correction of `id` and approves it; returns the published correction. */
    async publishCorrection(id) {
      const created = await services.broadcastService.correct(id, { tijd: '15:00' }, bram);
      if (!created.ok) throw new Error(`correct failed: ${JSON.stringify(created)}`);
      await services.broadcastService.submit(created.value.id, bram);
      const result = await services.broadcastService.approve(created.value.id, anna);
      if (!result.ok) throw new Error('approve failed');
      return result.value;
    },
    /** Rows of a broadcast not yet sent. */
    unsent: async (id) =>
      (
        await services.database.sql.get(
          countRow,
          "SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = $1 AND status <> 'sent'",
          [id],
        )
      ).n,
    /** Rows a worker holds right now (claimed, not finished). */
    inFlight: async (owner) =>
      (
        await services.database.sql.get(
          countRow,
          "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sending' AND lease_owner = $1",
          [owner],
        )
      ).n,
    async close() {
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
