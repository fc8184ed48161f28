import { z } from 'zod';
import { text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

const PREFIX = 'line-owners:';
const settingRow = z.object({ key: text, value: text });

/**
 * Per sector, the subscriber list of the people who own its lines: they get the reminders
 * 30 and 7 days before a line expires. Kept with the console settings.
 */
export class LineOwnerStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Sets (or, with null, clears) the owners' list of a sector. */
  async set(sector: string, list: string | null): Promise<void> {
    if (list === null) await this.#sql.run('DELETE FROM console_settings WHERE key = $1', [`${PREFIX}${sector}`]);
    else
      await this.#sql.run(
        'INSERT INTO console_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [`${PREFIX}${sector}`, list],
      );
  }

  /** Sector → the name of its owners' list. */
  async all(): Promise<Map<string, string>> {
    const rows = await this.#sql.all(
      settingRow,
      'SELECT key, value FROM console_settings WHERE key LIKE $1 ORDER BY key',
      [`${PREFIX}%`],
    );
    return new Map(rows.map((row) => [row.key.slice(PREFIX.length), row.value]));
  }
}
