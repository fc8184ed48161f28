import { execFile } from 'node:child_process';
import { BakenError } from '../../errors/baken-error.ts';

/** Git failed; the message carries git's own words for the operator's log, never for a page. */
export class GitError extends BakenError {}

/** Runs the `git` binary with arguments, never through a shell: no user text can become a command. */
export interface Git {
  /** Runs `git <args>` in `cwd`; resolves with its standard output, rejects with a GitError. */
  run(cwd: string, args: readonly string[], input?: string): Promise<string>;
}

/**
 * The system's git. Repository hooks are switched off (a content folder must not run code
 * of its own on our commits), and prompts never wait for a terminal.
 */
export const systemGit: Git = {
  run(cwd, args, input) {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgSign=false', ...args],
        {
          cwd,
          encoding: 'utf8',
          timeout: 60_000,
          maxBuffer: 32 * 1024 * 1024,
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: process.env.HOME ?? cwd,
            GIT_TERMINAL_PROMPT: '0',
            LANG: 'C',
          },
        },
        (error, stdout, stderr) => {
          if (error)
            reject(new GitError('git-failed', `git ${args[0] ?? ''} mislukte: ${stderr.trim() || error.message}`));
          else resolve(stdout);
        },
      );
      // git may exit before reading its input (an error, or a command that reads none); the
      // exit status says what happened, not the broken pipe.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input ?? '');
    });
  },
};
