import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { takeUpdatesSnapshot, type UpdatesSnapshot, UpdatesSnapshotError } from './updates-snapshot.ts';

const START_TIMEOUT_MS = 60_000;

/**
 * Starts the hub of this checkout (the build in dist/, the data folder the settings in `env`
 * point to) on a loopback port without its outbox worker, so nothing is sent, and takes the
 * updates snapshot from it. Stops it again whatever happens.
 */
export async function snapshotFromLocalHub(
  root: string,
  env: Record<string, string | undefined>,
): Promise<UpdatesSnapshot> {
  const child = spawn(process.execPath, [join(root, 'src', 'server', 'main.ts')], {
    cwd: root,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', BAKEN_WORKER: '0', BAKEN_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () =>
          reject(
            new UpdatesSnapshotError(`De hub startte niet binnen ${START_TIMEOUT_MS / 1000} seconden:\n${output}`),
          ),
        START_TIMEOUT_MS,
      );
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Baken draait op (http:\/\/[^/\s]+)\//.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(
          new UpdatesSnapshotError(`De hub stopte met code ${code} voordat de berichten waren opgehaald:\n${output}`),
        );
      });
    });
    return await takeUpdatesSnapshot(url);
  } finally {
    child.kill('SIGTERM');
  }
}
