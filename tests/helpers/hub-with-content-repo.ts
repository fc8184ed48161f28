import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentRepoCopy } from './content-repo.ts';
import { projectRoot, type RunningHub, startHub } from './hub-server.ts';

export interface HubWithContent {
  hub: RunningHub;
  /** The content folder the hub publishes agreed lines to (a git repository of its own). */
  contentDir: string;
  distDir: string;
  stop: () => Promise<void>;
}

/**
 * The real hub serving a private copy of the build, with its own content repository and Astro
 * cache, so rebuilds after an agreed line touch nothing another test uses. The copy's folder
 * links to the project's node_modules, where a build finds its packages.
 */
export async function startHubWithContentRepo(env: Record<string, string> = {}): Promise<HubWithContent> {
  const work = mkdtempSync(join(tmpdir(), 'baken-lines-'));
  symlinkSync(join(projectRoot, 'node_modules'), join(work, 'node_modules'), 'junction');
  const distDir = join(work, 'dist');
  for (const part of ['client', 'server'])
    cpSync(join(projectRoot, 'dist', part), join(distDir, part), { recursive: true });
  const contentDir = contentRepoCopy(work);
  const hub = await startHub({
    distDir,
    env: { BAKEN_CONTENT_DIR: contentDir, BAKEN_ASTRO_CACHE_DIR: join(work, 'cache'), ...env },
  });
  return {
    hub,
    contentDir,
    distDir,
    stop: async () => {
      await hub.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
