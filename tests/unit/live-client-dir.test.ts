import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liveClientDir } from '../../src/server/live-client-dir.ts';

let dist: string;
afterEach(() => rmSync(dist, { recursive: true, force: true }));

function page(dir: string, at: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<h1>x</h1>');
  utimesSync(join(dir, 'index.html'), at, at);
}

describe('liveClientDir', () => {
  it('links live to client/ on first start', () => {
    dist = mkdtempSync(join(tmpdir(), 'baken-live-'));
    page(join(dist, 'client'), 1000);
    expect(liveClientDir(dist)).toBe(join(dist, 'live'));
    expect(readlinkSync(join(dist, 'live'))).toBe('client');
  });

  it('keeps a release swapped in after the last full build, and drops it for a newer build', () => {
    dist = mkdtempSync(join(tmpdir(), 'baken-live-'));
    page(join(dist, 'client'), 1000);
    page(join(dist, 'releases', 'r1', 'client'), 2000);
    symlinkSync(join('releases', 'r1', 'client'), join(dist, 'live'), 'dir');
    liveClientDir(dist);
    expect(readlinkSync(join(dist, 'live'))).toBe(join('releases', 'r1', 'client'));
    page(join(dist, 'client'), 3000);
    liveClientDir(dist);
    expect(readlinkSync(join(dist, 'live'))).toBe('client');
  });

  it('replaces a dangling link', () => {
    dist = mkdtempSync(join(tmpdir(), 'baken-live-'));
    page(join(dist, 'client'), 1000);
    symlinkSync(join('releases', 'gone', 'client'), join(dist, 'live'), 'dir');
    liveClientDir(dist);
    expect(readlinkSync(join(dist, 'live'))).toBe('client');
  });
});
