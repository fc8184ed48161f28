import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/server/clock.ts';
import {
  type Migration,
  type MigrationDriver,
  MigrationError,
  migrationChecksum,
  runMigrations,
} from '../../src/server/store/migration-runner.ts';
import { MIGRATIONS } from '../../src/server/store/migrations.ts';
import { postgresMigrationDriver } from '../../src/server/store/postgres-migration-driver.ts';
import { sqliteMigrationDriver, sqliteSchemaVersion } from '../../src/server/store/sqlite-migration-driver.ts';
import { type RunningPostgres, startPostgres } from '../helpers/postgres.ts';
import { present } from '../helpers/present.ts';

/** One database to run the contract on: a fresh empty one per test. */
interface Target {
  /** What the worker threads connect to: a file path or a postgres:// URL. */
  location: string;
  driver: MigrationDriver;
  /** Reads rows straight from the database, around the runner. */
  rows<Row>(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

interface Backend {
  dialect: 'sqlite' | 'postgres';
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  fresh(): Promise<Target>;
}

const sqliteBackend = (): Backend => {
  let folder = '';
  let count = 0;
  return {
    dialect: 'sqlite',
    async setUp() {
      folder = mkdtempSync(join(tmpdir(), 'baken-migrations-'));
    },
    async tearDown() {
      rmSync(folder, { recursive: true, force: true });
    },
    async fresh() {
      count += 1;
      const location = join(folder, `db-${count}.sqlite`);
      const db = new DatabaseSync(location);
      db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 20000;');
      return {
        location,
        driver: sqliteMigrationDriver(db),
        rows: async <Row>(sql: string) => db.prepare(sql).all() as Row[],
        close: async () => db.close(),
      };
    },
  };
};

const postgresBackend = (): Backend => {
  let cluster: RunningPostgres | undefined;
  let admin: pg.Pool | undefined;
  let count = 0;
  return {
    dialect: 'postgres',
    async setUp() {
      cluster = await startPostgres();
      admin = new pg.Pool({ connectionString: cluster.url, max: 1 });
    },
    async tearDown() {
      await admin?.end();
      await cluster?.stop();
    },
    async fresh() {
      count += 1;
      const name = `contract_${count}`;
      await present(admin, 'the admin pool of setUp').query(`CREATE DATABASE ${name}`);
      const url = new URL(present(cluster, 'the cluster of setUp').url);
      url.pathname = `/${name}`;
      const pool = new pg.Pool({ connectionString: url.href, max: 2 });
      return {
        location: url.href,
        driver: postgresMigrationDriver(pool),
        rows: async <Row>(sql: string) => (await pool.query(sql)).rows as Row[],
        close: () => pool.end(),
      };
    },
  };
};

const first: Migration = {
  id: '0001-notes',
  sql: {
    sqlite:
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO notes (body) VALUES ('eerste');",
    postgres:
      "CREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL); INSERT INTO notes (body) VALUES ('eerste');",
  },
};
const second: Migration = {
  id: '0002-notes-author',
  sql: {
    sqlite: 'ALTER TABLE notes ADD COLUMN author TEXT',
    postgres: 'ALTER TABLE notes ADD COLUMN author TEXT',
  },
};
const broken: Migration = {
  id: '0003-broken',
  sql: { sqlite: 'CREATE TABLE half (id INTEGER); SELEKT 1', postgres: 'CREATE TABLE half (id INTEGER); SELEKT 1' },
};
const clock = manualClock(new Date('2026-11-25T21:00:00Z'));

async function refusal(work: Promise<unknown>): Promise<MigrationError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

/** Starts one runner per worker thread, each on its own connection, and lets them go at once. */
async function runInWorkers(
  count: number,
  target: Target,
  dialect: string,
  migrations: Migration[],
): Promise<{ applied?: string[]; error?: string }[]> {
  const workers = Array.from(
    { length: count },
    () =>
      new Worker(new URL('../helpers/migration-runner-worker.ts', import.meta.url), {
        workerData: { dialect, location: target.location, migrations },
      }),
  );
  const timer = setTimeout(() => workers.forEach((worker) => void worker.terminate()), 60_000);
  try {
    const message = (worker: Worker) =>
      new Promise<{ ready?: boolean; applied?: string[]; error?: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', () => reject(new Error('migration worker ended without an answer (60 s bound)')));
      });
    await Promise.all(workers.map(message));
    const results = workers.map(message);
    for (const worker of workers) worker.postMessage('go');
    return await Promise.all(results);
  } finally {
    clearTimeout(timer);
  }
}

describe.each([sqliteBackend(), postgresBackend()])('the migration runner on $dialect', (backend) => {
  let target: Target;
  beforeAll(() => backend.setUp());
  afterAll(() => backend.tearDown());
  beforeEach(async () => {
    target = await backend.fresh();
  });
  afterEach(() => target.close());

  it('applies pending migrations in order once and records their sha256 checksums', async () => {
    expect(await runMigrations(target.driver, [first], clock)).toEqual({ adopted: [], applied: ['0001-notes'] });
    expect(await runMigrations(target.driver, [first, second], clock)).toEqual({
      adopted: [],
      applied: ['0002-notes-author'],
    });
    expect(await runMigrations(target.driver, [first, second], clock)).toEqual({ adopted: [], applied: [] });

    const recorded = await target.rows<{ id: string; checksum: string; applied_at: string }>(
      'SELECT id, checksum, applied_at FROM schema_migrations ORDER BY id',
    );
    expect(recorded).toEqual([
      {
        id: '0001-notes',
        checksum: migrationChecksum(first.sql[backend.dialect]),
        applied_at: '2026-11-25T21:00:00.000Z',
      },
      {
        id: '0002-notes-author',
        checksum: migrationChecksum(second.sql[backend.dialect]),
        applied_at: '2026-11-25T21:00:00.000Z',
      },
    ]);
    expect(recorded[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await target.rows('SELECT body, author FROM notes')).toEqual([{ body: 'eerste', author: null }]);
  });

  it('refuses to start, in Dutch, when a migration that ran has changed since', async () => {
    await runMigrations(target.driver, [first], clock);
    const edited: Migration = {
      ...first,
      sql: { ...first.sql, [backend.dialect]: `${first.sql[backend.dialect]} -- tweak` },
    };
    const error = await refusal(runMigrations(target.driver, [edited, second], clock));
    expect(error.code).toBe('migration-changed');
    expect(error.message).toBe(
      'Migratie "0001-notes" is veranderd nadat hij al is uitgevoerd. Zet de oorspronkelijke tekst terug en schrijf de wijziging als nieuwe migratie.',
    );
    // Nothing after the refusal ran.
    expect(await target.rows('SELECT id FROM schema_migrations')).toEqual([{ id: '0001-notes' }]);
  });

  it('treats a Windows checkout (CRLF line endings) as the same migration', async () => {
    const multiLine: Migration = {
      id: '0001-lines',
      sql: {
        sqlite: 'CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);',
        postgres: 'CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);',
      },
    };
    await runMigrations(target.driver, [multiLine], clock);
    const crlf: Migration = {
      ...multiLine,
      sql: {
        sqlite: multiLine.sql.sqlite.replace('\n', '\r\n'),
        postgres: multiLine.sql.postgres.replace('\n', '\r\n'),
      },
    };
    expect(await runMigrations(target.driver, [crlf], clock)).toEqual({ adopted: [], applied: [] });
  });

  it('refuses a database that a newer Baken migrated, and a new migration placed before one that ran', async () => {
    await runMigrations(target.driver, [first, second], clock);
    const newer = await refusal(runMigrations(target.driver, [first], clock));
    expect(newer.code).toBe('migration-unknown');
    expect(newer.message).toContain('nieuwere versie van Baken (migratie "0002-notes-author")');

    const inserted: Migration = { id: '0001b-between', sql: { sqlite: 'SELECT 1', postgres: 'SELECT 1' } };
    const outOfOrder = await refusal(runMigrations(target.driver, [first, inserted, second], clock));
    expect(outOfOrder.code).toBe('migration-out-of-order');
  });

  it('rolls back the whole run when one migration fails', async () => {
    await expect(runMigrations(target.driver, [first, second, broken], clock)).rejects.toThrow();
    const tables =
      backend.dialect === 'sqlite'
        ? await target.rows<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('notes', 'half', 'schema_migrations')",
          )
        : await target.rows<{ name: string }>(
            "SELECT tablename AS name FROM pg_tables WHERE tablename IN ('notes', 'half', 'schema_migrations')",
          );
    expect(tables).toEqual([]);
  });

  it('refuses a list that names one migration twice', async () => {
    const error = await refusal(runMigrations(target.driver, [first, first], clock));
    expect(error.code).toBe('migration-duplicate');
  });

  it('lets four runners start at once on their own connections and applies each migration exactly once', async () => {
    // A plain CREATE TABLE (no IF NOT EXISTS) fails in any runner that runs it a second time.
    const slow: Migration = {
      id: '0003-counter',
      sql: {
        // A slow read first (SQLite has no sleep), so the runners' transactions overlap.
        sqlite:
          'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT count(*) FROM c; CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter (n) VALUES (1);',
        postgres:
          'CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter (n) VALUES (1); SELECT pg_sleep(0.2);',
      },
    };
    // schema_migrations exists already, as on every start after the first: no runner's first
    // statement writes, so only the lock keeps two runners from both seeing the work as pending.
    await runMigrations(target.driver, [], clock);
    const results = await runInWorkers(4, target, backend.dialect, [first, second, slow]);
    expect(results.map((result) => result.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual([
      '0001-notes',
      '0002-notes-author',
      '0003-counter',
    ]);
    expect(await target.rows('SELECT n FROM counter')).toEqual([{ n: 1 }]);
    expect(await target.rows('SELECT body FROM notes')).toEqual([{ body: 'eerste' }]);
  });
});

describe('adopting a SQLite database that kept its state in schema_version', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'baken-adopt-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // Today's migrations, and the six an earlier Baken ran while it counted them in schema_version.
  const shipped: Migration[] = [...MIGRATIONS];
  const LEGACY_VERSION = 6;
  const legacy = shipped.slice(0, LEGACY_VERSION);
  const next: Migration = {
    id: '9999-next',
    sql: { sqlite: 'CREATE TABLE next_thing (id INTEGER PRIMARY KEY)', postgres: '' },
  };

  it('records the migrations a real Baken database already has, runs only the new ones and drops schema_version', async () => {
    // A database as an earlier Baken left it: the first six migrations, and their count in schema_version.
    const db = new DatabaseSync(join(folder, 'baken.db'));
    try {
      for (const migration of legacy) db.exec(migration.sql.sqlite);
      db.exec(
        `CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${LEGACY_VERSION});`,
      );
      const driver = sqliteMigrationDriver(db);
      const result = await runMigrations(driver, [...shipped, next], clock, { legacy: sqliteSchemaVersion });
      expect(result).toEqual({
        adopted: legacy.map((migration) => migration.id),
        applied: [...shipped.slice(LEGACY_VERSION), next].map((migration) => migration.id),
      });
      const recorded = db.prepare('SELECT id, checksum FROM schema_migrations ORDER BY id').all();
      expect(recorded).toEqual(
        [...shipped, next].map((migration) => ({
          id: migration.id,
          checksum: migrationChecksum(migration.sql.sqlite),
        })),
      );
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('schema_version', 'next_thing')").all()).toEqual(
        [{ name: 'next_thing' }],
      );
      expect(await runMigrations(driver, [...shipped, next], clock, { legacy: sqliteSchemaVersion })).toEqual({
        adopted: [],
        applied: [],
      });
    } finally {
      db.close();
    }
  });

  it('refuses a database whose schema_version is ahead of the list', async () => {
    const db = new DatabaseSync(join(folder, 'newer.db'));
    try {
      db.exec(
        `CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${shipped.length + 1});`,
      );
      const error = await refusal(
        runMigrations(sqliteMigrationDriver(db), shipped, clock, { legacy: sqliteSchemaVersion }),
      );
      expect(error.code).toBe('migration-unknown');
      expect(error.message).toContain(`schemaversie ${shipped.length + 1}`);
      // The refusal changed nothing.
      expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: shipped.length + 1 }]);
    } finally {
      db.close();
    }
  });

  it('runs every migration on a new database that has no schema_version', async () => {
    const db = new DatabaseSync(join(folder, 'new.db'));
    try {
      const result = await runMigrations(sqliteMigrationDriver(db), shipped, clock, { legacy: sqliteSchemaVersion });
      expect(result).toEqual({ adopted: [], applied: shipped.map((migration) => migration.id) });
    } finally {
      db.close();
    }
  });
});
