import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { LineRevision } from './line-history.ts';

const RECORD = '\x1e';
const FIELD = '\x1f';

/**
 * Every state of a line file, oldest first: each commit that changed it, then the file as it
 * is now when that differs from the last commit (an edit not committed yet).
 */
export function lineRevisions(file: string): LineRevision[] {
  const revisions = lineRevisionsFromGit(file);
  let current: string;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    return revisions;
  }
  if (revisions.at(-1)?.source !== current) revisions.push({ commit: '', committedAt: '', source: current });
  return revisions;
}

/**
 * Every committed state of a line file, oldest first, read from the git repository that holds
 * it, at build time (Node only). No repository, or git missing: no revisions, and the page
 * says only the current version is known. Arguments go to git directly, never to a shell.
 */
function lineRevisionsFromGit(file: string): LineRevision[] {
  const run = (args: string[], cwd: string) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  try {
    // Paths below are relative to the repository's top, so every command runs there.
    const top = run(['rev-parse', '--show-toplevel'], dirname(file)).trim();
    const path = relative(top, file);
    const log = run(['log', '--follow', '--name-only', `--format=${RECORD}%H${FIELD}%cI${FIELD}`, '--', path], top);
    const revisions: LineRevision[] = [];
    for (const record of log.split(RECORD).slice(1)) {
      const [commit, committedAt, rest] = record.split(FIELD) as [string, string, string];
      const pathThen = rest.trim().split('\n').pop()?.trim() || path;
      try {
        revisions.push({ commit, committedAt, source: run(['show', `${commit}:${pathThen}`], top) });
      } catch {
        // The file was deleted in this commit: nothing to show for it.
      }
    }
    return revisions.reverse();
  } catch {
    return [];
  }
}
