import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { present } from './present.ts';

export const projectRoot = join(import.meta.dirname, '..', '..');

export interface RunningHub {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  /** The server's data folder (SQLite database, spools); empty for a server without one. */
  dataDir: string;
  /** The server's process id (to read its memory use). */
  pid: number;
  /** Everything the server printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real hub server (src/server/main.ts) on a free loopback port, serving the
 * build in `distDir`. Stops it with SIGTERM, then SIGKILL after 5 s. Without `dataDir` it
 * gets a new temporary data folder, removed when it stops; with one (to restart a hub on
 * its data) that folder is used and kept.
 */
export async function startHub(
  options: { distDir?: string; dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningHub> {
  const distDir = options.distDir ?? join(projectRoot, 'dist');
  if (!existsSync(join(distDir, 'client', 'index.html'))) {
    throw new Error(`No build in ${distDir}: run "npm run build" first (npm test does this for you).`);
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'baken-data-'));
  return startServerProcess([join(projectRoot, 'src/server/main.ts')], {
    cwd: projectRoot,
    env: { PORT: '0', BAKEN_DATA_DIR: dataDir, BAKEN_DIST_DIR: distDir, ...options.env },
    dataDir,
    ...(options.dataDir ? {} : { cleanup: () => rmSync(dataDir, { recursive: true, force: true }) }),
  });
}

/**
 * Runs `node <args>` (or `command <args>`) on 127.0.0.1 and resolves once it prints "Baken draait op <url>/"
 * (the hub and the bundle's serve.mjs both do). Stops it with SIGTERM, then SIGKILL after 5 s.
 */
export async function startServerProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; dataDir?: string; cleanup?: () => void; command?: string },
): Promise<RunningHub> {
  const child = spawn(options.command ?? process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Baken draait op (http:\/\/[^/\s]+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code}:\n${output}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    options.cleanup?.();
    throw error;
  });
  return {
    url,
    pid: present(child.pid, 'the process id of the server'),
    dataDir: options.dataDir ?? '',
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          options.cleanup?.();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
