import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { Sql, SqlValue } from './sql.ts';

/**
 * `Sql` over one node:sqlite connection. The connection is synchronous and shared by every
 * request of the process, so an open transaction owns it: queries from other requests wait
 * until it commits (they would otherwise run inside it). Other processes are kept out by
 * SQLite's own write lock (BEGIN IMMEDIATE, busy_timeout).
 */
export function sqliteSql(db: DatabaseSync): Sql {
  const statements = new Map<string, StatementSync>();
  const context = new AsyncLocalStorage<symbol>();
  let owner: symbol | null = null;
  let waiting: Array<() => void> = [];

  const prepare = (text: string): StatementSync => {
    let statement = statements.get(text);
    if (!statement) {
      // `$1` → `?1`: SQLite numbers parameters with a question mark.
      statement = db.prepare(text.replace(/\$(\d+)/g, '?$1'));
      statements.set(text, statement);
    }
    return statement;
  };
  const mine = () => owner !== null && context.getStore() === owner;
  const release = () => {
    owner = null;
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  // Waits until no other request holds a transaction, then runs `work` in the same
  // synchronous step as the last check, so nobody can start one in between.
  const whenFree = async <T>(work: () => T): Promise<T> => {
    while (owner !== null && !mine()) await new Promise<void>((resolve) => waiting.push(resolve));
    return work();
  };
  const args = (params: readonly SqlValue[]) => params as SQLInputValue[];

  return {
    dialect: 'sqlite',
    all: (row, text, params = []) =>
      whenFree(() =>
        prepare(text)
          .all(...args(params))
          .map((r) => row.parse(r)),
      ),
    get: (row, text, params = []) =>
      whenFree(() => {
        const found = prepare(text).get(...args(params));
        return found === undefined ? undefined : row.parse(found);
      }),
    run: (text, params = []) => whenFree(() => Number(prepare(text).run(...args(params)).changes)),
    async transaction(work) {
      if (mine()) return work();
      const id = Symbol('transaction');
      await whenFree(() => {
        db.exec('BEGIN IMMEDIATE');
        owner = id;
      });
      try {
        const result = await context.run(id, work);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      } finally {
        release();
      }
    },
    // One process per SQLite file is the embedded set-up; its wake-ups are process events.
    notify: async () => undefined,
    listen: async () => async () => undefined,
    now: async () => Date.now(),
    close: () => whenFree(() => db.close()),
  };
}
