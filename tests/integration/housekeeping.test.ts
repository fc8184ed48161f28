import { describe, expect, it } from 'vitest';
import { pruneOldRows } from '../../src/server/housekeeping.ts';
import { addCoordinator, testServices } from '../helpers/test-services.ts';

const HOUR = 60 * 60 * 1000;

describe('pruning what strangers leave behind', () => {
  it('removes old login attempts, rate events, expired sessions and codes, and keeps what still counts', async () => {
    const services = testServices();
    const now = services.clock.now().getTime();
    const user = await addCoordinator(services, 'anna');
    const count = (table: string) =>
      (services.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const attempt = services.db.prepare('INSERT INTO login_attempts (username, ip, at, success) VALUES (?, ?, ?, 0)');
    attempt.run('x', '192.0.2.1', now - 25 * HOUR);
    attempt.run('x', '192.0.2.1', now - HOUR);
    const event = services.db.prepare('INSERT INTO rate_events (kind, key, at) VALUES (?, ?, ?)');
    event.run('ip', '192.0.2.1', now - 25 * HOUR);
    event.run('ip', '192.0.2.1', now - HOUR);
    const session = services.db.prepare(
      'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
    );
    session.run('old', user.id, now - 2 * HOUR, now - 2 * HOUR);
    session.run('live', user.id, now - 60_000, now - 60_000);
    services.confirmations.add(
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
    expect(pruneOldRows(services, now)).toEqual({ loginAttempts: 1, sessions: 1, rateEvents: 1, confirmations: 1 });
    expect([count('login_attempts'), count('rate_events'), count('sessions'), count('contact_confirmations')]).toEqual([
      1, 1, 1, 1,
    ]);
  });
});
