import type pg from 'pg';
import type { MigrationDriver, MigrationSession } from './migration-runner.ts';
import { lockedTransaction } from './postgres-locked-transaction.ts';

/**
 * Key of the transaction-scoped advisory lock that serialises migration runners: every
 * process that starts against the same database takes it before reading schema_migrations.
 * A fixed number ("baken" in ASCII), so operators can spot it in pg_locks.
 */
export const MIGRATION_LOCK_KEY = 0x62616b656e;

function sessionOf(client: pg.PoolClient): MigrationSession {
  return {
    exec: async (sql) => {
      // Without parameters pg uses the simple protocol, which runs several statements at once.
      await client.query(sql);
    },
    query: async <Row>(sql: string, params: readonly (string | number)[] = []) =>
      (await client.query(sql, [...params])).rows as Row[],
  };
}

/**
 * The migration runner's view of a PostgreSQL database. DDL is transactional in PostgreSQL,
 * so a failed run leaves nothing behind; the advisory lock makes a second runner wait.
 */
export function postgresMigrationDriver(pool: pg.Pool): MigrationDriver {
  return {
    dialect: 'postgres',
    transaction: (work) => lockedTransaction(pool, MIGRATION_LOCK_KEY, (client) => work(sessionOf(client))),
  };
}
