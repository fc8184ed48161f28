import { createHash } from 'node:crypto';
import { BakenError } from '../../errors/baken-error.ts';
import type { Clock } from '../clock.ts';

/** The two databases Baken runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** One schema change, written once per database. Never edit one that has shipped: add a new one. */
export interface Migration {
  /** Stable name, recorded in schema_migrations, e.g. `0007-outbox-lease`. */
  id: string;
  /** The statements for each database (several statements separated by `;` are fine). */
  sql: Record<Dialect, string>;
}

/**
 * What the runner needs from a database. Parameters are written `$1`, `$2` … for both
 * databases (the SQLite adapter maps them to `?1`, `?2` …).
 */
export interface MigrationSession {
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: readonly (string | number)[]): Promise<Row[]>;
}

/** A database as the runner sees it: which one, and how to get a locked transaction on it. */
export interface MigrationDriver {
  dialect: Dialect;
  /**
   * Runs `work` in one transaction that holds the migration lock, so a second runner (another
   * process, another machine) waits until this one committed or rolled back.
   */
  transaction<T>(work: (session: MigrationSession) => Promise<T>): Promise<T>;
}

/** Why the runner refuses to start; the message says what to do next. */
export class MigrationError extends BakenError {}

/**
 * How a database migrated before schema_migrations existed recorded its state: SQLite
 * databases of earlier Baken versions keep a count in `schema_version`.
 */
export interface LegacySchemaVersion {
  /** How many migrations at the head of the list the database already has (0 when none). */
  read(session: MigrationSession): Promise<number>;
  /** Removes the old record once schema_migrations holds the same facts. */
  forget(session: MigrationSession): Promise<void>;
}

export interface MigrationOptions {
  /** Adopts a database that kept its state the old way (only while schema_migrations is empty). */
  legacy?: LegacySchemaVersion | undefined;
}

export interface MigrationResult {
  /** Ids recorded as applied without running them, because the old record said they ran. */
  adopted: string[];
  /** Ids applied by this run, in order. */
  applied: string[];
}

interface AppliedRow {
  id: string;
  checksum: string;
}

/** sha256 of a migration's text for one database; line endings do not count (a Windows checkout). */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Brings the database up to date with `migrations` (in their order), all in one transaction
 * that holds the migration lock: a crash or an error in any migration leaves the database as
 * it was. Refuses to start when a migration that ran before has changed, is unknown to this
 * version of Baken, or when a new migration sits before one that already ran.
 */
export async function runMigrations(
  driver: MigrationDriver,
  migrations: readonly Migration[],
  clock: Clock,
  options: MigrationOptions = {},
): Promise<MigrationResult> {
  const ids = new Set<string>();
  for (const migration of migrations) {
    if (ids.has(migration.id))
      throw new MigrationError(
        'migration-duplicate',
        `Migratie "${migration.id}" staat twee keer in de lijst. Geef elke migratie een eigen naam.`,
      );
    ids.add(migration.id);
  }

  return driver.transaction(async (session) => {
    await session.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const rows = await session.query<AppliedRow>('SELECT id, checksum FROM schema_migrations');
    const applied = new Map(rows.map((row) => [row.id, row.checksum]));
    const record = (id: string, checksum: string) =>
      session.query('INSERT INTO schema_migrations (id, checksum, applied_at) VALUES ($1, $2, $3)', [
        id,
        checksum,
        clock.now().toISOString(),
      ]);

    const adopted: string[] = [];
    if (applied.size === 0 && options.legacy) {
      const version = await options.legacy.read(session);
      if (version > migrations.length) {
        throw new MigrationError(
          'migration-unknown',
          `De database is bijgewerkt door een nieuwere versie van Baken (schemaversie ${version}). Start die versie, of zet een back-up van de database terug.`,
        );
      }
      for (const migration of migrations.slice(0, version)) {
        const checksum = migrationChecksum(migration.sql[driver.dialect]);
        await record(migration.id, checksum);
        applied.set(migration.id, checksum);
        adopted.push(migration.id);
      }
      await options.legacy.forget(session);
    }

    for (const id of applied.keys()) {
      if (!ids.has(id)) {
        throw new MigrationError(
          'migration-unknown',
          `De database is bijgewerkt door een nieuwere versie van Baken (migratie "${id}"). Start die versie, of zet een back-up van de database terug.`,
        );
      }
    }

    const pending: Migration[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.id);
      if (checksum === undefined) {
        pending.push(migration);
        continue;
      }
      if (checksum !== migrationChecksum(migration.sql[driver.dialect])) {
        throw new MigrationError(
          'migration-changed',
          `Migratie "${migration.id}" is veranderd nadat hij al is uitgevoerd. Zet de oorspronkelijke tekst terug en schrijf de wijziging als nieuwe migratie.`,
        );
      }
      if (pending.length > 0) {
        throw new MigrationError(
          'migration-out-of-order',
          `Migratie "${pending[0]?.id}" staat vóór "${migration.id}", die al is uitgevoerd. Zet nieuwe migraties achteraan in de lijst.`,
        );
      }
    }

    for (const migration of pending) {
      const sql = migration.sql[driver.dialect];
      await session.exec(sql);
      await record(migration.id, migrationChecksum(sql));
    }
    return { adopted, applied: pending.map((migration) => migration.id) };
  });
}
