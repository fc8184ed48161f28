import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/server/clock.ts';
import { SiteRebuilder } from '../../src/server/lines/site-rebuilder.ts';
import { liveClientDir } from '../../src/server/live-client-dir.ts';
import { projectRoot } from '../helpers/hub-server.ts';

let dist: string;
afterEach(() => rmSync(dist, { recursive: true, force: true }));

/** A stand-in for astro build that writes a page saying which build it was, after a pause. */
function countingBuild() {
  let builds = 0;
  return {
    count: () => builds,
    build: async (outDir: string) => {
      builds += 1;
      const n = builds;
      await new Promise((resolve) => setTimeout(resolve, 50));
      mkdirSync(join(outDir, 'client'), { recursive: true });
      writeFileSync(join(outDir, 'client', 'index.html'), `build ${n}`);
    },
  };
}

describe('SiteRebuilder', () => {
  it('lets processes on one dist folder rebuild one after the other, and frees the lock of a process that died', async () => {
    dist = mkdtempSync(join(tmpdir(), 'baken-rebuild-'));
    mkdirSync(join(dist, 'client'));
    writeFileSync(join(dist, 'client', 'index.html'), 'build 0');
    const live = liveClientDir(dist);
    let running = 0;
    let most = 0;
    let builds = 0;
    const build = async (outDir: string) => {
      running += 1;
      most = Math.max(most, running);
      builds += 1;
      const n = builds;
      await new Promise((resolve) => setTimeout(resolve, 100));
      mkdirSync(join(outDir, 'client'), { recursive: true });
      writeFileSync(join(outDir, 'client', 'index.html'), `build ${n}`);
      running -= 1;
    };
    // Another web process holds the lock (it is rebuilding) and then dies without letting go.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { takeRebuildLock } = await import(${JSON.stringify(join(projectRoot, 'src/server/lines/rebuild-lock.ts'))});
         await takeRebuildLock(${JSON.stringify(dist)}); console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const clock = manualClock(new Date('2026-11-25T10:00:00Z'));
      const one = new SiteRebuilder(dist, build, clock);
      const other = new SiteRebuilder(dist, build, clock);
      const first = one.request();
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(builds).toBe(0);
      holder.kill('SIGKILL');
      clock.advance(1000);
      const second = other.request();
      await Promise.all([first, second]);
    } finally {
      holder.kill('SIGKILL');
    }
    expect(builds).toBe(2);
    expect(most).toBe(1);
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('build 2');
  });

  it('swaps a finished build in, runs one more for requests during a build, and keeps one old release', async () => {
    dist = mkdtempSync(join(tmpdir(), 'baken-rebuild-'));
    mkdirSync(join(dist, 'client'));
    writeFileSync(join(dist, 'client', 'index.html'), 'build 0');
    const live = liveClientDir(dist);
    const clock = manualClock(new Date('2026-11-25T10:00:00Z'));
    const { build, count } = countingBuild();
    const rebuilder = new SiteRebuilder(dist, build, clock);

    const first = rebuilder.request();
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('build 0');
    clock.advance(1000);
    const second = rebuilder.request();
    const third = rebuilder.request();
    await Promise.all([first, second, third]);
    expect(count()).toBe(2);
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('build 2');
    expect(rebuilder.state.status).toBe('idle');

    clock.advance(1000);
    await rebuilder.request();
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('build 3');
    expect(readdirSync(join(dist, 'releases'))).toHaveLength(2);
  });

  it('keeps serving the old site when a build fails', async () => {
    dist = mkdtempSync(join(tmpdir(), 'baken-rebuild-'));
    mkdirSync(join(dist, 'client'));
    writeFileSync(join(dist, 'client', 'index.html'), 'build 0');
    const live = liveClientDir(dist);
    const rebuilder = new SiteRebuilder(
      dist,
      async (outDir) => {
        mkdirSync(join(outDir, 'client'), { recursive: true });
        throw new Error('content lint failed');
      },
      manualClock(new Date()),
    );
    await rebuilder.request();
    expect(rebuilder.state).toMatchObject({ status: 'failed', error: 'content lint failed' });
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('build 0');
    expect(readdirSync(join(dist, 'releases'))).toEqual([]);
  });
});
