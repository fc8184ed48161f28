// Runs the migration runner in a worker thread with a connection of its own, as a second
// process would: `npm start` on one machine and `npm run worker` on another, both at once.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { type Migration, type MigrationDriver, runMigrations } from '../../src/server/store/migration-runner.ts';
import { postgresMigrationDriver } from '../../src/server/store/postgres-migration-driver.ts';
import { sqliteMigrationDriver } from '../../src/server/store/sqlite-migration-driver.ts';

const { dialect, location, migrations } = workerData as {
  dialect: 'sqlite' | 'postgres';
  location: string;
  migrations: Migration[];
};

let driver: MigrationDriver;
let close: () => Promise<void>;
if (dialect === 'sqlite') {
  const db = new DatabaseSync(location);
  db.exec('PRAGMA busy_timeout = 20000');
  driver = sqliteMigrationDriver(db);
  close = async () => db.close();
} else {
  const pool = new pg.Pool({ connectionString: location, max: 1 });
  driver = postgresMigrationDriver(pool);
  close = () => pool.end();
}
// Connected; wait for the go that all runners get at once, so their transactions overlap.
parentPort?.postMessage({ ready: true });
await new Promise((resolve) => parentPort?.once('message', resolve));
try {
  const result = await runMigrations(driver, migrations, { now: () => new Date() });
  parentPort?.postMessage({ applied: result.applied });
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
} finally {
  await close();
}
