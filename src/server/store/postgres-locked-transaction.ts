import type pg from 'pg';

/**
 * Runs `work` on one connection of `pool` inside a transaction that first takes the advisory
 * lock `lockKey` (held until commit or rollback), so every other transaction taking the same
 * lock waits. Rolls back on any error; the connection always goes back to the pool.
 *
 * While the connection is checked out, the pool no longer listens for its errors: a
 * connection the server cuts off between two queries (a restart, a failover) would then raise
 * an error nobody handles and stop the process. So the transaction listens itself, fails with
 * that error, and hands the broken connection back to be thrown away, not reused.
 */
export async function lockedTransaction<T>(
  pool: pg.Pool,
  lockKey: number | bigint,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey.toString()]);
    const result = await work(client);
    if (broken) throw broken;
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A broken connection is destroyed (release with an error), a healthy one reused; the
    // listener stays on a broken one, for the errors it may still raise while closing.
    if (!broken) client.off('error', onError);
    client.release(broken ?? false);
  }
}
