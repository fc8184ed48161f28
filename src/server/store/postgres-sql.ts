import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { integer } from './columns.ts';
import { lockedTransaction } from './postgres-locked-transaction.ts';
import type { Sql } from './sql.ts';

/**
 * Key of the advisory lock every transaction takes first, so transactions run one after the
 * other as on SQLite ("baken-tx" in ASCII, beside the migration lock).
 */
export const TRANSACTION_LOCK_KEY = 0x62616b656e7478n;

/** `Sql` over a PostgreSQL pool: a transaction keeps one connection for all its queries. */
export function postgresSql(pool: pg.Pool): Sql {
  const context = new AsyncLocalStorage<pg.PoolClient>();
  const on = (): pg.Pool | pg.PoolClient => context.getStore() ?? pool;
  const listeners = new Map<string, Set<() => void>>();
  let listening: Promise<pg.PoolClient> | null = null;
  let closed = false;

  // The one connection that LISTENs. When the server cuts it off (a restart, a failover), a new
  // one listens again to every channel, retried every second; until then callers keep polling.
  const listenClient = () => {
    listening ??= (async () => {
      const client = await pool.connect();
      client.on('notification', (message) => {
        for (const listener of listeners.get(message.channel) ?? []) listener();
      });
      let lost = false;
      client.on('error', (error) => {
        if (lost || closed) return;
        lost = true;
        console.error(`Baken: luisterverbinding met PostgreSQL verbroken: ${error.message}`);
        client.release(error);
        listening = null;
        relisten();
      });
      return client;
    })();
    listening.catch(() => {
      listening = null;
    });
    return listening;
  };
  const relisten = () => {
    if (closed || listeners.size === 0) return;
    setTimeout(async () => {
      try {
        const client = await listenClient();
        for (const channel of listeners.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      } catch {
        relisten();
      }
    }, 1000).unref();
  };

  return {
    dialect: 'postgres',
    async all(row, text, params = []) {
      return (await on().query(text, [...params])).rows.map((r) => row.parse(r));
    },
    async get(row, text, params = []) {
      const [found] = (await on().query(text, [...params])).rows;
      return found === undefined ? undefined : row.parse(found);
    },
    async run(text, params = []) {
      return (await on().query(text, [...params])).rowCount ?? 0;
    },
    async transaction(work, options) {
      if (context.getStore()) return work();
      const key = options?.lock === undefined ? TRANSACTION_LOCK_KEY : namedLockKey(options.lock);
      return lockedTransaction(pool, key, (client) => context.run(client, work));
    },
    async notify(channel) {
      await on().query('SELECT pg_notify($1, $2)', [channel, '']);
    },
    async listen(channel, listener) {
      const client = await listenClient();
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
      set.add(listener);
      return async () => {
        set.delete(listener);
      };
    },
    async now() {
      const { rows } = await pool.query('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now');
      return integer.parse(rows[0]?.now);
    },
    async close() {
      closed = true;
      if (listening) await listening.then((client) => client.release(true)).catch(() => undefined);
      await pool.end();
    },
  };
}

/** A 64-bit advisory lock key for `name`, from its SHA-256 (apart from TRANSACTION_LOCK_KEY but for a 2^-64 chance). */
function namedLockKey(name: string): bigint {
  return createHash('sha256').update(`baken-lock:${name}`).digest().readBigInt64BE(0);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
