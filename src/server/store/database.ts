import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Clock } from '../clock.ts';
import type { DatabaseLocation } from './database-location.ts';
import { runMigrations } from './migration-runner.ts';
import { MIGRATIONS } from './migrations.ts';
import { openPostgres } from './postgres-connection.ts';
import { postgresMigrationDriver } from './postgres-migration-driver.ts';
import { postgresSql } from './postgres-sql.ts';
import { makeDataDirPrivate } from './private-data-dir.ts';
import type { Sql } from './sql.ts';
import { sqliteMigrationDriver, sqliteSchemaVersion } from './sqlite-migration-driver.ts';
import { sqliteSql } from './sqlite-sql.ts';
import { waitForPostgres } from './wait-for-postgres.ts';

export type { DatabaseLocation } from './database-location.ts';

/** An open, migrated store. `sqlite` is the raw handle of a SQLite store, for the online backup. */
export interface Database {
  sql: Sql;
  sqlite?: DatabaseSync;
}

/**
 * Opens the store and brings its schema up to date (migration-runner.ts; several processes
 * starting at once wait for each other). SQLite: WAL lets the web server and workers share
 * one file; `synchronous = FULL` syncs the WAL on every commit, because in WAL mode NORMAL can
 * lose the last commits on a power cut, and an approved broadcast or its outbox rows must
 * survive one. PostgreSQL: a pool of `maxConnections`.
 */
export async function openDatabase(
  location: DatabaseLocation,
  clock: Clock,
  /** `waitMs`: how long to wait for PostgreSQL to answer at start (default a minute). */
  options: { maxConnections?: number; waitMs?: number } = {},
): Promise<Database> {
  if ('postgres' in location) {
    const { pool } = openPostgres(location.postgres, options);
    try {
      await waitForPostgres(pool, location.postgres, options.waitMs === undefined ? {} : { timeoutMs: options.waitMs });
      await runMigrations(postgresMigrationDriver(pool), MIGRATIONS, clock);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { sql: postgresSql(pool) };
  }
  const path = location.sqlite;
  if (path !== ':memory:') makeDataDirPrivate(dirname(path));
  const db = new DatabaseSync(path);
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;',
  );
  try {
    await runMigrations(sqliteMigrationDriver(db), MIGRATIONS, clock, { legacy: sqliteSchemaVersion });
  } catch (error) {
    db.close();
    throw error;
  }
  return { sql: sqliteSql(db), sqlite: db };
}
