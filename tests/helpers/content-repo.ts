import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './hub-server.ts';

/** Runs git in `cwd` and returns its output (tests only: arguments are the test's own). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@localhost', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** A copy of the demo content in a fresh folder of its own, as a git repository with one commit. */
export function contentRepoCopy(parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'baken-content-'));
  cpSync(join(projectRoot, 'content'), dir, { recursive: true });
  git(dir, 'init', '--quiet');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'Demo-inhoud');
  return dir;
}
