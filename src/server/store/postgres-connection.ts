import pg from 'pg';
import { BakenError } from '../../errors/baken-error.ts';

/** The address in BAKEN_DATABASE_URL is not a PostgreSQL URL. */
export class DatabaseUrlError extends BakenError {
  constructor() {
    // Never echo the URL: it usually holds the password.
    super(
      'database-url-invalid',
      'BAKEN_DATABASE_URL klopt niet. Gebruik de vorm postgres://gebruiker:wachtwoord@server:5432/database.',
    );
  }
}

export interface PostgresConnection {
  /** Connections to share; each query borrows one. */
  pool: pg.Pool;
  /** Waits for borrowed connections to come back, then closes all of them. */
  close(): Promise<void>;
}

export interface PostgresConnectionOptions {
  /** Most connections this process opens at once (default 10, pg's own default). */
  maxConnections?: number;
}

/**
 * Opens a connection pool to the PostgreSQL database in `url` (BAKEN_DATABASE_URL). Nothing
 * connects until the first query, so a wrong password shows up there, not here.
 */
export function openPostgres(url: string, options: PostgresConnectionOptions = {}): PostgresConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError();
  }
  if (
    (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') ||
    !parsed.hostname ||
    parsed.pathname.length <= 1
  ) {
    throw new DatabaseUrlError();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    // Shows up in pg_stat_activity, so an operator sees which connections are Baken's.
    application_name: 'baken',
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that the server drops (restart, failover) emits 'error' on the pool;
  // unhandled, that would end the process. The pool replaces the connection on the next query.
  pool.on('error', (error) => console.error(`Baken: verbinding met PostgreSQL verbroken: ${error.message}`));
  return { pool, close: () => pool.end() };
}
