import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The lock file in the dist folder; it holds the process id of the process rebuilding. */
export const REBUILD_LOCK = 'rebuild.lock';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, only not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the rebuild lock of `distDir`, waiting while another process on this machine holds it,
 * so web processes that share one dist folder rebuild one after the other: a later build then
 * starts from everything agreed so far, and no process removes a release another one is still
 * writing. A lock left by a process that is gone is taken over. Returns the release function.
 */
export async function takeRebuildLock(distDir: string, pollMs = 500): Promise<() => Promise<void>> {
  const path = join(distDir, REBUILD_LOCK);
  for (;;) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
      // Half-written, or its process is gone: take it over.
      await rm(path, { force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
