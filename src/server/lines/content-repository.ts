import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Git } from './git.ts';

/** Who the hub commits as; the people who agreed are named in the message. */
const COMMITTER = ['-c', 'user.name=Baken', '-c', 'user.email=baken@localhost'];

/** The content folder as a git repository: where agreed lines are written and committed. */
export interface ContentRepository {
  /** Writes `content/scripts/<slug>.md` and commits only that file; resolves with the commit id. */
  commitLine(slug: string, source: string, message: string): Promise<string>;
}

/**
 * The repository that holds `contentDir`: the surrounding one when the folder is inside a git
 * work tree (a checkout of Baken, or a separate content repository), otherwise a new one made
 * in the folder itself on first use, with the files as they are as its first commit. Commits
 * take only the line's file (`--only`), so work another person has staged is left alone.
 */
export function gitContentRepository(contentDir: string, git: Git): ContentRepository {
  let root: Promise<string> | undefined;
  const findRoot = async (): Promise<string> => {
    try {
      return (await git.run(contentDir, ['rev-parse', '--show-toplevel'])).trim();
    } catch {
      await git.run(contentDir, ['init', '--quiet']);
      await git.run(contentDir, ['add', '--all', '--', '.']);
      await git.run(
        contentDir,
        [...COMMITTER, 'commit', '--quiet', '--allow-empty', '-F', '-'],
        'Inhoud van Baken in beheer genomen\n',
      );
      return contentDir;
    }
  };
  // One commit at a time: git's index lock allows no more.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    commitLine(slug, source, message) {
      const work = queue.then(async () => {
        root ??= findRoot().catch((error: unknown) => {
          root = undefined;
          throw error;
        });
        const top = await root;
        const file = join(contentDir, 'scripts', `${slug}.md`);
        const before = await readFile(file, 'utf8').catch(() => undefined);
        await writeAtomically(file, source);
        const path = relative(top, file);
        try {
          await git.run(top, ['add', '--', path]);
          await git.run(top, [...COMMITTER, 'commit', '--quiet', '--only', '-F', '-', '--', path], message);
        } catch (error) {
          // Not committed, so not agreed: the file goes back to what it was (best effort for the index).
          if (before === undefined) await rm(file, { force: true });
          else await writeAtomically(file, before);
          await git.run(top, ['reset', '--quiet', '--', path]).catch(() => undefined);
          throw error;
        }
        return (await git.run(top, ['rev-parse', 'HEAD'])).trim();
      });
      queue = work.catch(() => undefined);
      return work;
    },
  };
}

/** Writes a whole file or nothing: a temporary file beside it, renamed over it. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text, { encoding: 'utf8', mode: 0o644 });
  await rename(temporary, file);
}
