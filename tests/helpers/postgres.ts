import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type RunningProcess, startProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitFor } from './wait-for.ts';

const execFileAsync = promisify(execFile);

// Debian package postgresql puts its programs under /usr/lib/postgresql/<major>/bin.
const POSTGRES_ROOT = '/usr/lib/postgresql';
// PostgreSQL refuses to run as root; tests run as root here and in CI, so the cluster runs as nobody.
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

export interface RunningPostgres {
  /** postgres://… for a database of its own, as BAKEN_DATABASE_URL would hold it. */
  url: string;
  /** The temp folder holding the cluster, the socket and the log (gone after stop). */
  folder: string;
  /** Makes another empty database in the same cluster and returns its URL (one per test file or suite). */
  newDatabase(name: string): Promise<string>;
  /** Stops the server (smart, then fast, then SIGKILL; 15 s at most) and deletes the folder. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Takes the server away as a restart or failover does (fast shutdown: open sessions are cut
   * off), waits `downMs`, and starts it again on the same port with the same data.
   */
  restart(downMs?: number): Promise<void>;
}

/** The bin folder of the newest PostgreSQL that Debian installed. */
export function postgresBinDir(): string {
  const versions = existsSync(POSTGRES_ROOT)
    ? readdirSync(POSTGRES_ROOT)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_ROOT, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const [newest] = versions;
  if (!newest) throw new Error(`no PostgreSQL under ${POSTGRES_ROOT}; npm test installs Debian's postgresql`);
  return join(POSTGRES_ROOT, newest, 'bin');
}

/** Runs a PostgreSQL program as an unprivileged user when we are root, as ourselves otherwise. */
function asUnprivileged(program: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [program, args];
  return [
    '/usr/bin/setpriv',
    [`--reuid=${UNPRIVILEGED.uid}`, `--regid=${UNPRIVILEGED.gid}`, '--clear-groups', '--', program, ...args],
  ];
}

/**
 * Starts a throw-away PostgreSQL cluster: initdb into a fresh temp folder, listening only on
 * 127.0.0.1 on a free port with its socket in that folder, password login (a random one), fsync
 * off (the data dies with the test anyway). Creates one database and returns its URL. Everything
 * is stopped and deleted by `stop()`, and also when starting fails half-way.
 */
export async function startPostgres(options: { timeoutMs?: number } = {}): Promise<RunningPostgres> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const bin = postgresBinDir();
  const folder = mkdtempSync(join(tmpdir(), 'baken-pg-'));
  const dataDir = join(folder, 'data');
  const socketDir = join(folder, 'socket');
  const password = randomBytes(18).toString('base64url');
  let server: RunningProcess | undefined;

  const stop = async () => {
    if (server) await stopServer(server);
    server = undefined;
    rmSync(folder, { recursive: true, force: true });
  };

  try {
    mkdirSync(socketDir);
    writeFileSync(join(folder, 'password'), `${password}\n`);
    chmodSync(folder, 0o700);
    if (process.getuid?.() === 0) {
      for (const path of [folder, socketDir, join(folder, 'password')])
        chownSync(path, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
    }
    const [initdb, initdbArgs] = asUnprivileged(join(bin, 'initdb'), [
      '--pgdata',
      dataDir,
      '--username',
      'postgres',
      '--pwfile',
      join(folder, 'password'),
      '--auth-host',
      'scram-sha-256',
      '--auth-local',
      'scram-sha-256',
      '--encoding',
      'UTF8',
      '--locale',
      'C.UTF-8',
      '--no-sync',
    ]);
    await execFileAsync(initdb, initdbArgs, {
      timeout: timeoutMs,
      env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' },
    });
    rmSync(join(folder, 'password'));

    const port = await freePort();
    const [postgres, postgresArgs] = asUnprivileged(join(bin, 'postgres'), [
      '-D',
      dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `port=${port}`,
      '-c',
      `unix_socket_directories=${socketDir}`,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=60',
      '-c',
      'shared_buffers=32MB',
    ]);
    const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    /** Starts the server and waits until it accepts connections; then runs `ready` once. */
    const launch = async (ready: (client: pg.Client) => Promise<unknown>) => {
      const running = startProcess(postgres, postgresArgs, { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' } });
      server = running;
      await waitFor(
        'PostgreSQL to accept connections',
        async () => {
          if (running.child.exitCode !== null)
            throw new Error(`PostgreSQL stopped while starting:\n${running.output()}`);
          const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
          try {
            await client.connect();
            await ready(client);
            return true;
          } catch (error) {
            // 57P03: the database system is starting up; ECONNREFUSED: not listening yet.
            const code = (error as { code?: string }).code;
            if (code === '57P03' || code === 'ECONNREFUSED') return undefined;
            throw error;
          } finally {
            await client.end().catch(() => undefined);
          }
        },
        timeoutMs,
        100,
      );
    };
    await launch((client) => client.query('CREATE DATABASE baken_test'));
    const restart = async (downMs = 0) => {
      if (server) await server.stop('SIGINT', 10_000);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch((client) => client.query('SELECT 1'));
    };
    const newDatabase = async (name: string) => {
      if (!/^[a-z_][a-z0-9_]{0,40}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    };
    return { url: `postgres://postgres:${password}@127.0.0.1:${port}/baken_test`, folder, newDatabase, stop, restart };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Smart shutdown first: pg's pool.end() resolves before its sockets have closed, and a fast
 * shutdown would answer those with a FATAL error that surfaces as an uncaught exception.
 * A session that stays open is cut off by a fast shutdown after 3 s.
 */
async function stopServer(server: RunningProcess): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
  child.kill('SIGTERM');
  const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref());
  if (!(await Promise.race([exited, timer]))) await server.stop('SIGINT', 10_000);
}
