import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { LegacySchemaVersion, MigrationDriver, MigrationSession } from './migration-runner.ts';

/**
 * The migration runner's view of a node:sqlite database. BEGIN IMMEDIATE takes SQLite's one
 * write lock at the start, so a second process's runner waits (busy_timeout) and then sees
 * what the first one applied.
 */
export function sqliteMigrationDriver(db: DatabaseSync): MigrationDriver {
  const session: MigrationSession = {
    exec: async (sql) => {
      db.exec(sql);
    },
    // `$1` → `?1`: SQLite numbers parameters with a question mark.
    query: async <Row>(sql: string, params: readonly (string | number)[] = []) =>
      db.prepare(sql.replace(/\$(\d+)/g, '?$1')).all(...(params as SQLInputValue[])) as Row[],
  };
  return {
    dialect: 'sqlite',
    async transaction(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(session);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}

/**
 * The `schema_version` count that openDatabase kept before schema_migrations: the first N
 * migrations ran. Read once, when the runner first meets such a database, then dropped.
 */
export const sqliteSchemaVersion: LegacySchemaVersion = {
  async read(session) {
    const tables = await session.query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    );
    if (tables.length === 0) return 0;
    const [row] = await session.query<{ version: number }>('SELECT version FROM schema_version');
    return row?.version ?? 0;
  },
  forget: (session) => session.exec('DROP TABLE IF EXISTS schema_version'),
};
