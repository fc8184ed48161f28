// Steps shared by start, build and test. Plain JavaScript with no dependencies: these run
// before `npm install` has put anything in node_modules.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a command with inherited output; resolves on exit 0, rejects otherwise. */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      cwd: root,
      ...options,
      env: { ...process.env, ...options.env },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${command} ${args.join(' ')} stopte met ${signal ?? `code ${code}`}`)),
    );
  });
}

/** Installs npm dependencies when node_modules does not match package-lock.json. */
export async function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.baken-lock-hash');
  const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('Baken: pakketten installeren (npm install) ...');
  await run('npm', ['install', '--no-audit', '--no-fund']);
  writeFileSync(stamp, createHash('sha256').update(readFileSync(lock)).digest('hex'));
}

/** Builds the site with Astro (which runs the content lint first). */
export async function build(env = {}) {
  await run(join(root, 'node_modules', '.bin', 'astro'), ['build'], { env: { ASTRO_TELEMETRY_DISABLED: '1', ...env } });
}

/** Runs the given async main and turns a failure into a short message and exit code 1. */
export function main(task) {
  task().catch((error) => {
    console.error(`Baken: ${error.message}`);
    process.exit(1);
  });
}

/**
 * Formats and lints with Biome (biome.jsonc): fails on a formatting difference, a lint error or
 * a warning anywhere (the tree has no open findings; a rule that only warns by default counts too).
 */
export async function lint() {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  await run(biome, ['ci', '--colors=off', '--error-on-warnings', '.']);
}

/**
 * Checks the layers of src/ (.dependency-cruiser.cjs, described in src/README.md). The note that
 * TypeScript 7 has no compiler API is dropped: swc parses the sources instead.
 */
export async function checkLayers() {
  const output = [];
  const args = ['src', 'scripts', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'];
  const code = await new Promise((resolvePromise, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'depcruise'), args, { cwd: root });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', reject);
    child.on('exit', resolvePromise);
  });
  const text = Buffer.concat(output)
    .toString('utf8')
    .replace(/‼ missing-tsc-transpiler:[\s\S]*?published and stable\.\n?/, '');
  console.log(text.trim());
  if (code !== 0) throw new Error('de lagen van src/ kloppen niet (zie hierboven en src/README.md)');
}

/** Type-checks the TypeScript sources, after Astro has generated its content types. */
export async function typeCheck() {
  await run(join(root, 'node_modules', '.bin', 'astro'), ['sync'], { env: { ASTRO_TELEMETRY_DISABLED: '1' } });
  await run(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.']);
  // The service worker runs in a worker, not a page: it is checked against the WebWorker types.
  await run(join(root, 'node_modules', '.bin', 'tsc'), [
    '--noEmit',
    '-p',
    join('src', 'service-worker', 'tsconfig.json'),
  ]);
}
