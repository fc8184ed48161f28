import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './hub-server.ts';

/** A running `npm run worker` process and the lease owner name it sends under. */
export interface WorkerProcess {
  child: ChildProcess;
  owner: string;
}

/**
 * Starts `npm run worker` (scripts/worker.ts) with `env` on top of this process's environment
 * and resolves with its lease owner name once it says it runs (within `startTimeoutMs`). The
 * child is in `running` until it exits, so a test can stop every worker even when it fails
 * half-way.
 */
export function startWorkerProcess(
  env: Record<string, string>,
  running: Set<ChildProcess>,
  startTimeoutMs = 30_000,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [join(projectRoot, 'scripts/worker.ts')], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start within ${startTimeoutMs} ms:\n${output}`));
    }, startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const owner = /Baken-verzender (\S+) draait/.exec(output)?.[1];
      if (owner) {
        clearTimeout(timer);
        resolve({ child, owner });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

/** Resolves once `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}
