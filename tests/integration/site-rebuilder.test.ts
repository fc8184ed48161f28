import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/server/clock.ts';
import { REBUILD_LOCK } from '../../src/server/lines/rebuild-lock.ts';
import { SiteRebuilder } from '../../src/server/lines/site-rebuilder.ts';
import { liveClientDir } from '../../src/server/live-client-dir.ts';

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
  it('lets two processes on one dist folder rebuild one after the other, and takes over a lock left behind', async () => {
    dist = mkdtempSync(join(tmpdir(), 'baken-rebuild-'));
    mkdirSync(join(dist, 'client'));
    writeFileSync(join(dist, 'client', 'index.html'), 'build 0');
    const live = liveClientDir(dist);
    // A lock left by a process that is gone (its pid is free again).
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(dist, REBUILD_LOCK), gone);
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
    const clock = manualClock(new Date('2026-11-25T10:00:00Z'));
    const one = new SiteRebuilder(dist, build, clock);
    const other = new SiteRebuilder(dist, build, clock);
    const first = one.request();
    clock.advance(1000);
    const second = other.request();
    await Promise.all([first, second]);
    expect(builds).toBe(2);
    expect(most).toBe(1);
    expect(readFileSync(join(live, 'index.html'), 'utf8')).toBe('build 2');
    expect(existsSync(join(dist, REBUILD_LOCK))).toBe(false);
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
