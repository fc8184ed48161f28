import { existsSync, lstatSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The link the static servers (Baken's own and nginx) serve from; it points at `client/` or at a release's `client/`. */
export const LIVE_LINK = 'live';

/**
 * The folder to serve from `distDir`: the `live` link, pointing at the `client/` folder
 * `npm run build` wrote, or at a release a rebuild swapped in since (lines/site-rebuilder.ts).
 * A build newer than that release (`npm run build` after a deploy) wins, at start-up and at
 * the end of the build. Rebuilds swap the link, never a folder in use.
 */
export function liveClientDir(distDir: string): string {
  const live = join(distDir, LIVE_LINK);
  const builtAt = (dir: string) => statSync(join(dir, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const served = existsSync(live) ? builtAt(live) : -1;
  if (served < builtAt(join(distDir, 'client'))) {
    // Missing, dangling, or older than the last full build: point it at client/.
    if (lstatSync(live, { throwIfNoEntry: false })) rmSync(live);
    // Relative, so the dist folder can be moved as a whole.
    symlinkSync('client', live, 'dir');
  }
  return live;
}
