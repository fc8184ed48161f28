import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { BuildSite } from './site-rebuilder.ts';

/**
 * The real build: `astro build --outDir <folder>` in the project folder, in a child process
 * so a failing or slow build never stops the hub. The folder must be inside the project, where
 * the build finds its packages. The content lint runs as part of it, as in `npm run build`.
 */
export function astroBuildSite(projectRoot: string): BuildSite {
  return (outDir) =>
    new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir],
        {
          cwd: projectRoot,
          // Always the production build `npm run build` makes, whatever mode the hub runs in.
          env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
          timeout: 10 * 60_000,
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr.slice(-4000)}`)) : resolve()),
      );
    });
}
