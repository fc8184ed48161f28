import type pg from 'pg';

/**
 * Runs `work` on one connection of `pool` inside a transaction that first takes the advisory
 * lock `lockKey` (held until commit or rollback), so every other transaction taking the same
 * lock waits. Rolls back on any error; the connection always goes back to the pool.
 */
export async function lockedTransaction<T>(
  pool: pg.Pool,
  lockKey: number | bigint,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey.toString()]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
