import { z } from 'zod';
import { integer, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

const sectorRow = z.object({ sector: text });
const editorRow = z.object({ user_id: integer, sector: text });

/** The sectors an editor speaks for: they propose and sign off lines of those sectors. */
export class UserSectorStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Replaces the sectors of a user. */
  async set(userId: number, sectors: readonly string[]): Promise<void> {
    await this.#sql.transaction(async () => {
      await this.#sql.run('DELETE FROM user_sectors WHERE user_id = $1', [userId]);
      for (const sector of new Set(sectors))
        await this.#sql.run('INSERT INTO user_sectors (user_id, sector) VALUES ($1, $2)', [userId, sector]);
    });
  }

  /** The sectors of a user, in name order (none for a coordinator or administrator). */
  async of(userId: number): Promise<string[]> {
    const rows = await this.#sql.all(sectorRow, 'SELECT sector FROM user_sectors WHERE user_id = $1 ORDER BY sector', [
      userId,
    ]);
    return rows.map((row) => row.sector);
  }

  /** Every editor's sectors, by user id. */
  async all(): Promise<Map<number, string[]>> {
    const rows = await this.#sql.all(editorRow, 'SELECT user_id, sector FROM user_sectors ORDER BY user_id, sector');
    const byUser = new Map<number, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.sector]);
    return byUser;
  }
}
