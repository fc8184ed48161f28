import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/server/store/migrations.ts';
import { linesMigration } from '../../src/server/store/migrations-lines.ts';

describe('migration 0010-lines on a database in use', () => {
  it('allows editors and keeps every user, session, recovery code and passkey, with their cascades', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    const mine = MIGRATIONS.indexOf(linesMigration);
    expect(mine).toBeGreaterThan(0);
    db.exec('BEGIN');
    for (const migration of MIGRATIONS.slice(0, mine)) db.exec(migration.sql.sqlite);
    db.exec('COMMIT');
    db.exec(`
      INSERT INTO users (id, username, role, password_hash, created_at, disabled, totp_secret, totp_last_step)
        VALUES (1, 'anna', 'coordinator', 'h1', '2026-01-01', 0, 'SECRET', 42), (2, 'bram', 'admin', 'h2', '2026-01-02', 1, NULL, 0);
      INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ('s1', 1, 1, 1), ('s2', 2, 1, 1);
      INSERT INTO recovery_codes (user_id, code_hash) VALUES (1, 'r1'), (1, 'r2');
      INSERT INTO passkeys (id, user_id, public_key, counter, transports, created_at) VALUES ('p1', 1, x'00', 0, '[]', 1);
    `);
    expect(() =>
      db.exec(`INSERT INTO users (username, role, password_hash, created_at) VALUES ('x', 'editor', 'h', 'd')`),
    ).toThrow(/CHECK/);

    // As the runner does: inside one transaction, foreign keys on.
    db.exec('BEGIN');
    db.exec(linesMigration.sql.sqlite);
    db.exec('COMMIT');

    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('users'), count('sessions'), count('recovery_codes'), count('passkeys')]).toEqual([2, 2, 2, 1]);
    expect(
      db.prepare('SELECT username, role, disabled, totp_secret, totp_last_step FROM users WHERE id = 1').get(),
    ).toEqual({
      username: 'anna',
      role: 'coordinator',
      disabled: 0,
      totp_secret: 'SECRET',
      totp_last_step: 42,
    });
    db.exec(`INSERT INTO users (id, username, role, password_hash, created_at) VALUES (3, 'olga', 'editor', 'h', 'd')`);
    db.exec(`INSERT INTO user_sectors (user_id, sector) VALUES (3, 'onderwijs-kinderopvang')`);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    db.exec('DELETE FROM users WHERE id IN (1, 3)');
    expect([count('sessions'), count('recovery_codes'), count('passkeys'), count('user_sectors')]).toEqual([
      1, 0, 0, 0,
    ]);
    expect(() =>
      db.exec(`INSERT INTO users (username, role, password_hash, created_at) VALUES ('y', 'root', 'h', 'd')`),
    ).toThrow(/CHECK/);
  });
});
