import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './hub-server.ts';

/**
 * Runs `npm run baken -- <args>` the way the npm script does, on the data folder `dataDir`,
 * with `input` on stdin (empty by default), for at most 60 s.
 */
export function runBakenCli(
  dataDir: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(projectRoot, 'scripts', 'baken.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, BAKEN_DATA_DIR: dataDir, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Three school contacts (two by email, one by SMS) as a spreadsheet exports them, for `importListWithCli`. */
export const SCHOOL_CONTACTS_CSV =
  'naam;e-mail;telefoon;kanaal\nSchool A;a@school.example;0612345001;e-mail\nSchool B;b@school.example;;e-mail\nClub C;;0612345003;sms\n';

/**
 * Imports the CSV text `csv` into the list `list` through the CLI (`lists import`), as an
 * operator does; throws with what the CLI printed when it fails.
 */
export function importListWithCli(dataDir: string, list: string, csv: string = SCHOOL_CONTACTS_CSV): void {
  const dir = mkdtempSync(join(tmpdir(), 'baken-csv-'));
  try {
    const file = join(dir, 'lijst.csv');
    writeFileSync(file, csv);
    const result = runBakenCli(dataDir, ['lists', 'import', file, '--list', list]);
    if (result.status !== 0)
      throw new Error(`lists import failed (${result.status}):\n${result.stdout}${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
