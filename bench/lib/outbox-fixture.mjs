// A temporary Baken database with N email (or SMS) subscribers on one list, two coordinators,
// and a helper that publishes (approves) a broadcast to them: the outbox then holds N rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/lib/tasks.mjs';
import { hashPassword } from '../../src/server/auth/password.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices } from '../../src/server/services.ts';
import { transaction } from '../../src/server/store/database.ts';

const FIELDS = {
  organisatie: 'Zorggroep De Linde',
  gemeente: 'Voorbeeldstad',
  locatie: 'Wijkcentrum De Brug',
  tijd: '14:30',
};

/** `options.clock` replaces the system clock; `options.channel: 'sms'` gives subscribers with only a phone number. */
export async function outboxFixture(recipients, options = {}) {
  const channel = options.channel ?? 'email';
  const dir = mkdtempSync(join(tmpdir(), 'baken-bench-outbox-'));
  const services = createServices({
    databasePath: join(dir, 'baken.sqlite'),
    clock: options.clock ?? systemClock,
    scripts: fileScriptSource(join(root, 'content')),
  });
  const password = await hashPassword('benchmark password');
  const anna = services.users.add('anna', 'coordinator', password);
  const bram = services.users.add('bram', 'coordinator', password);
  transaction(services.db, () => {
    for (let i = 0; i < recipients; i += 1) {
      const address =
        channel === 'sms'
          ? { email: null, phone: `+3161${String(i).padStart(7, '0')}` }
          : { email: `r${i}@bench.example`, phone: null };
      services.subscribers.upsertIntoList(
        'Bench',
        { name: `Ontvanger ${i}`, ...address, preferredChannel: channel, fallbackChannel: null, consent: 'bench' },
        true,
      );
    }
  });
  const approve = (id) => {
    services.broadcastService.submit(id, anna);
    const result = services.broadcastService.approve(id, bram);
    if (!result.ok) throw new Error(`approve failed: ${JSON.stringify(result)}`);
    return result.value;
  };
  return {
    services,
    /** The data folder (BAKEN_DATA_DIR for a worker process on this database). */
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
      services.broadcastService.submit(created.value.id, bram);
      const result = services.broadcastService.approve(created.value.id, anna);
      if (!result.ok) throw new Error('approve failed');
      return result.value;
    },
    /** Rows of a broadcast not yet sent. */
    unsent: (id) =>
      services.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE broadcast_id = ? AND status <> 'sent'").get(id).n,
    close() {
      services.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
