import type pg from 'pg';
import { BakenError } from '../../errors/baken-error.ts';

/** PostgreSQL cannot be used: not reachable in time, or it refuses Baken. The message says what to check, in Dutch. */
export class DatabaseUnavailableError extends BakenError {}

// Socket and server codes that pass: the server is starting, restarting or failing over.
const PASSING = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P03',
]);

/** Where the URL points, without user or password (the URL itself is never echoed). */
function whereOf(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `database ${decodeURIComponent(pathname.slice(1))} op ${hostname}:${port || '5432'}`;
}

/** A Dutch sentence for a failure that waiting will not mend, or undefined when it may pass. */
function lasting(error: unknown, where: string): string | undefined {
  const code = (error as { code?: string }).code ?? '';
  if (PASSING.has(code) || /timeout|terminated/i.test(String((error as Error).message))) return undefined;
  if (code === '28P01' || code === '28000')
    return `PostgreSQL laat Baken niet binnen (${where}): de gebruiker of het wachtwoord in BAKEN_DATABASE_URL klopt niet, of pg_hba.conf staat deze verbinding niet toe.`;
  if (code === '3D000') return `De ${where} bestaat niet. Maak hem aan (createdb) of verbeter BAKEN_DATABASE_URL.`;
  if (code === 'ENOTFOUND')
    return `De server van de ${where} is onbekend: controleer de servernaam in BAKEN_DATABASE_URL.`;
  return `PostgreSQL weigert de verbinding (${where}, code ${code || 'onbekend'}). Controleer BAKEN_DATABASE_URL.`;
}

/**
 * Waits until PostgreSQL answers, for at most `timeoutMs`: a process started while the
 * database restarts (or before it, at boot) waits for it instead of stopping. A failure that
 * waiting will not mend (wrong password, no such database) ends the wait at once. Both end in
 * a DatabaseUnavailableError with a Dutch message and without the password.
 */
export async function waitForPostgres(pool: pg.Pool, url: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const where = whereOf(url);
  let told = false;
  for (;;) {
    try {
      await pool.query('SELECT 1');
      if (told) console.log(`Baken: PostgreSQL is bereikbaar (${where}).`);
      return;
    } catch (error) {
      const sentence = lasting(error, where);
      if (sentence) throw new DatabaseUnavailableError('database-refused', sentence);
      if (Date.now() >= deadline)
        throw new DatabaseUnavailableError(
          'database-unreachable',
          `PostgreSQL is niet bereikbaar (${where}), ook niet na ${Math.round(timeoutMs / 1000)} seconden wachten. Draait de database, en klopt BAKEN_DATABASE_URL?`,
        );
      if (!told) console.error(`Baken: wacht op PostgreSQL (${where}) …`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
