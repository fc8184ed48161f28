import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';
import { BakenError } from '../../errors/baken-error.ts';
import { MIGRATIONS } from './migrations.ts';

export class BackupError extends BakenError {}

/** Checks that `path` is a whole Baken database this version can use; returns how many migrations it has. */
function checkCopy(path: string): number {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    if (integrity !== 'ok') throw new BackupError('backup-damaged', `${path} is beschadigd (${integrity}).`);
    const known = new Set(MIGRATIONS.map((migration) => migration.id));
    const applied = db
      .prepare('SELECT id FROM schema_migrations')
      .all()
      .map((row) => String(row.id));
    const unknown = applied.filter((id) => !known.has(id));
    if (applied.length === 0 || unknown.length > 0)
      throw new BackupError(
        'backup-version',
        applied.length === 0
          ? `${path} heeft geen schema van Baken.`
          : `${path} is gemaakt door een nieuwere Baken (migratie ${unknown[0]}); deze Baken kent die niet.`,
      );
    return applied.length;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'backup-unreadable',
      `${path} is geen bruikbare Baken-database (${(error as Error).message}).`,
    );
  } finally {
    db?.close();
  }
}

/**
 * Copies the live database to `target` with SQLite's online backup, page by page, while the
 * hub keeps working: the copy is one consistent moment. It is written beside the target
 * first and renamed once checked, so a half-written file never carries the target's name.
 */
export async function backupDatabase(db: DatabaseSync, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new BackupError('backup-exists', `${target} bestaat al. Kies een nieuwe bestandsnaam.`);
  const draft = `${target}.deel`;
  rmSync(draft, { force: true });
  try {
    const pages = await backup(db, draft);
    chmodSync(draft, 0o600);
    checkCopy(draft);
    renameSync(draft, target);
    return { pages };
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Puts the database from `source` back in place of the one at `livePath`, through SQLite's
 * backup API so the WAL and other connections stay consistent. The current database is kept
 * first as `<livePath>.voor-herstel-<time>`. Run it with the hub and workers stopped.
 */
export async function restoreDatabase(
  livePath: string,
  source: string,
  now: Date,
): Promise<{ pages: number; keptAs: string | undefined }> {
  if (!existsSync(source)) throw new BackupError('backup-missing', `${source} bestaat niet.`);
  checkCopy(source);
  let keptAs: string | undefined;
  if (existsSync(livePath)) {
    const live = new DatabaseSync(livePath);
    keptAs = `${livePath}.voor-herstel-${now.toISOString().replace(/[:.]/g, '-')}`;
    await backup(live, keptAs);
    live.close();
  }
  const from = new DatabaseSync(source, { readOnly: true });
  try {
    const pages = await backup(from, livePath);
    return { pages, keptAs };
  } finally {
    from.close();
  }
}
