import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './hub-server.ts';

export interface BuildOutcome {
  /** Exit code of `astro build`. */
  code: number | null;
  /** stdout and stderr together. */
  output: string;
}

/**
 * Runs `astro build` for `contentDir` into `<workDir>/dist`, with its own Astro cache, and
 * resolves with the exit code and output (it does not throw on a failed build).
 */
export function buildSite(options: {
  contentDir: string;
  workDir: string;
  env?: Record<string, string>;
}): Promise<BuildOutcome> {
  // Astro runs the prerender chunks from the outDir and they import packages by name: a
  // node_modules above the outDir must resolve them. rmSync of workDir removes only the link.
  const link = join(options.workDir, 'node_modules');
  mkdirSync(options.workDir, { recursive: true });
  if (!existsSync(link)) symlinkSync(join(projectRoot, 'node_modules'), link, 'junction');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', join(options.workDir, 'dist')],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          BAKEN_CONTENT_DIR: options.contentDir,
          BAKEN_ASTRO_CACHE_DIR: join(options.workDir, 'cache'),
          ASTRO_TELEMETRY_DISABLED: '1',
          NO_COLOR: '1',
          // vitest sets NODE_ENV=test; a build must be the production build `npm run build` makes.
          NODE_ENV: 'production',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
