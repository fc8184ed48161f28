import { describe, expect, it } from 'vitest';
import { pruneOldRows } from '../../src/server/housekeeping.ts';
import { countRow } from '../../src/server/store/columns.ts';
import { addCoordinator, testServices } from '../helpers/test-services.ts';

const HOUR = 60 * 60 * 1000;

describe('pruning what strangers leave behind', () => {
  it('removes old login attempts, rate events, expired sessions and codes, and keeps what still counts', async () => {
    const services = await testServices();
    const { sql } = services.database;
    const now = services.clock.now().getTime();
    const user = await addCoordinator(services, 'anna');
    const count = async (table: string) => (await sql.get(countRow, `SELECT COUNT(*) AS n FROM ${table}`))?.n;
    const attempt = 'INSERT INTO login_attempts (username, ip, at, success) VALUES ($1, $2, $3, 0)';
    await sql.run(attempt, ['x', '192.0.2.1', now - 25 * HOUR]);
    await sql.run(attempt, ['x', '192.0.2.1', now - HOUR]);
    const event = 'INSERT INTO rate_events (kind, key, at) VALUES ($1, $2, $3)';
    await sql.run(event, ['ip', '192.0.2.1', now - 25 * HOUR]);
    await sql.run(event, ['ip', '192.0.2.1', now - HOUR]);
    const session = 'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)';
    await sql.run(session, ['old', user.id, now - 2 * HOUR, now - 2 * HOUR]);
    await sql.run(session, ['live', user.id, now - 60_000, now - 60_000]);
    await services.confirmations.add(
      [
        {
          ref: 'r1',
          signup: 's1',
          purpose: 'signup',
          role: 'preferred',
          channel: 'email',
          address: 'a@x.example',
          name: 'A',
          codeHash: 'h',
          expiresAt: now - 25 * HOUR,
        },
        {
          ref: 'r2',
          signup: 's2',
          purpose: 'signup',
          role: 'preferred',
          channel: 'email',
          address: 'b@x.example',
          name: 'B',
          codeHash: 'h',
          expiresAt: now + 60_000,
        },
      ],
      now,
    );
    expect(await pruneOldRows(services, now)).toEqual({
      loginAttempts: 1,
      sessions: 1,
      rateEvents: 1,
      confirmations: 1,
    });
    expect([
      await count('login_attempts'),
      await count('rate_events'),
      await count('sessions'),
      await count('contact_confirmations'),
    ]).toEqual([1, 1, 1, 1]);
    await services.close();
  });
});
