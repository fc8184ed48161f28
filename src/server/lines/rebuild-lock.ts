import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/**
 * The lock's name: a Linux abstract socket (no file; the kernel frees it the moment its
 * process ends, however it ends), one per dist folder.
 */
function rebuildLockName(distDir: string): string {
  const where = createHash('sha256').update(realpathSync(distDir)).digest('hex').slice(0, 32);
  return `\0baken-rebuild-${where}`;
}

const listen = (server: Server, name: string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(name, () => {
      server.off('error', reject);
      resolve();
    });
  });

/**
 * Takes the rebuild lock of `distDir`, waiting while another process on this machine holds
 * it, so web processes that share one dist folder rebuild one after the other: a later build
 * then starts from everything agreed so far, and no process removes a release another one is
 * still writing. Binding a name is atomic and a dead process holds nothing, so there is no
 * stale lock to take over. Returns the release function.
 */
export async function takeRebuildLock(distDir: string, pollMs = 500): Promise<() => Promise<void>> {
  const name = rebuildLockName(distDir);
  for (;;) {
    const server = createServer();
    try {
      await listen(server, name);
      server.unref();
      return () => new Promise<void>((resolve) => server.close(() => resolve()));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
