import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';
import { makeDataDirPrivate } from './private-data-dir.ts';

export type Database = DatabaseSync;

/**
 * Opens (and migrates) the SQLite database. `:memory:` gives a private in-memory database
 * with the same schema, for tests. WAL lets the web server and workers share one file.
 * `synchronous = FULL` syncs the WAL on every commit: in WAL mode NORMAL can lose the last
 * commits on a power cut, and an approved broadcast or its outbox rows must survive one.
 */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') makeDataDirPrivate(dirname(path));
  const db = new DatabaseSync(path);
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;',
  );
  migrate(db);
  return db;
}

function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current >= MIGRATIONS.length) return;
  transaction(db, () => {
    for (const sql of MIGRATIONS.slice(current)) db.exec(sql);
    db.exec('DELETE FROM schema_version');
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
  });
}

/**
 * Runs `work` in one write transaction (BEGIN IMMEDIATE), rolling back on any error. Inside
 * a transaction already, `work` simply joins it.
 */
export function transaction<T>(db: Database, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
