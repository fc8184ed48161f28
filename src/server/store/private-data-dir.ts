import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes the data folder private to the account that runs Baken: the folder 0700, what is in
 * it 0600 (subfolders 0700), and a umask so every file made from now on (database, WAL,
 * spool files, keys) is private too. Subscribers' addresses and the keys live here.
 */
export function makeDataDirPrivate(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const walk = (dir: string) => {
    chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) chmodSync(path, 0o600);
    }
  };
  if (existsSync(dataDir)) walk(dataDir);
}
