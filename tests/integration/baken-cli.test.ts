import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBakenCli } from '../helpers/baken-cli.ts';
import { projectRoot } from '../helpers/hub-server.ts';

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** A data folder for one test, so no test sees what another one imported. */
function freshDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'baken-cli-'));
  dataDirs.push(dir);
  return dir;
}

const baken = (dataDir: string, ...args: string[]) => runBakenCli(dataDir, args);

describe('npm run baken -- lists import', () => {
  const csv = join(projectRoot, 'tests', 'fixtures', 'subscribers-with-errors.csv');

  it('refuses a list name that is blank or longer than 80 characters, in Dutch, and imports nothing', () => {
    const dataDir = freshDataDir();
    for (const name of ['   ', 'x'.repeat(81)]) {
      const result = baken(dataDir, 'lists', 'import', csv, '--list', name);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Geef de lijst met --list <naam>: een naam van 1 tot 80 tekens.');
    }
    expect(baken(dataDir, 'lists', 'show').stdout).not.toMatch(/abonnees/);
  });

  it('imports into a list named with spaces around it under the trimmed name', () => {
    const dataDir = freshDataDir();
    const result = baken(dataDir, 'lists', 'import', csv, '--list', '  Schoolleiders  ');
    expect(result.stdout).toContain('Lijst Schoolleiders: 4 rijen goed');
    expect(baken(dataDir, 'lists', 'show').stdout).toContain('Schoolleiders: 4 abonnees');
  });
});
