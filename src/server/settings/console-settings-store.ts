import type { Database } from '../store/database.ts';

const COORDINATORS_LIST = 'coordinators-list';

/** Settings coordinators change in the console or the CLI, in SQLite. */
export class ConsoleSettingsStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Name of the subscriber list that is told when a broadcast waits for approval. */
  coordinatorsList(): string | undefined {
    const row = this.#db.prepare('SELECT value FROM console_settings WHERE key = ?').get(COORDINATORS_LIST) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  /** Sets (or, with null, clears) the coordinators' list. */
  setCoordinatorsList(name: string | null): void {
    if (name === null) this.#db.prepare('DELETE FROM console_settings WHERE key = ?').run(COORDINATORS_LIST);
    else
      this.#db
        .prepare(
          'INSERT INTO console_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(COORDINATORS_LIST, name);
  }
}
