import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

// What Baken keeps in the data folder. Only these are touched, in case the folder is shared.
const OWN_FILES = /^(baken\.sqlite.*|secret\.key|audit-anchor\.log)$/;
const OWN_FOLDERS = ['spool'];

/**
 * Makes the data folder private to the account that runs Baken: the folder 0700, Baken's
 * files in it 0600 (its subfolders 0700), and a umask so every file made from now on
 * (database, WAL, spool files, keys, backups) is private too. Subscribers' addresses and
 * the keys live here.
 */
export function makeDataDirPrivate(dataDir: string): void {
  // Worker threads may not change the umask; the main thread of the same process already did.
  if (isMainThread) process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const walk = (dir: string) => {
    chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) {
      const stat = statSync(join(dir, name), { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(join(dir, name));
      else if (stat?.isFile() && (stat.mode & 0o077) !== 0) chmodSync(join(dir, name), 0o600);
    }
  };
  for (const name of readdirSync(dataDir)) {
    const stat = statSync(join(dataDir, name), { throwIfNoEntry: false });
    if (stat?.isFile() && OWN_FILES.test(name)) chmodSync(join(dataDir, name), 0o600);
    else if (stat?.isDirectory() && OWN_FOLDERS.includes(name)) walk(join(dataDir, name));
  }
}
