import { z } from 'zod';
import { text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

const COORDINATORS_LIST = 'coordinators-list';
const KEY_FINGERPRINT = 'secret-key-fingerprint';
const valueRow = z.object({ value: text });

/** Settings coordinators change in the console or the CLI, in the store. */
export class ConsoleSettingsStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Name of the subscriber list that is told when a broadcast waits for approval. */
  async coordinatorsList(): Promise<string | undefined> {
    return (await this.#sql.get(valueRow, 'SELECT value FROM console_settings WHERE key = $1', [COORDINATORS_LIST]))
      ?.value;
  }

  /** Sets (or, with null, clears) the coordinators' list. */
  async setCoordinatorsList(name: string | null): Promise<void> {
    if (name === null) await this.#sql.run('DELETE FROM console_settings WHERE key = $1', [COORDINATORS_LIST]);
    else
      await this.#sql.run(
        'INSERT INTO console_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [COORDINATORS_LIST, name],
      );
  }

  /**
   * The fingerprint of the secret key the store was first used with, recording `fingerprint`
   * when there is none yet: processes with another key must not join (their links, codes
   * and audit entries would not check out elsewhere).
   */
  async keyFingerprint(fingerprint: string): Promise<string> {
    await this.#sql.run('INSERT INTO console_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      KEY_FINGERPRINT,
      fingerprint,
    ]);
    return (
      (await this.#sql.get(valueRow, 'SELECT value FROM console_settings WHERE key = $1', [KEY_FINGERPRINT]))?.value ??
      fingerprint
    );
  }
}
