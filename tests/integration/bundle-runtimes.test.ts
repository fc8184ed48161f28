import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchRuntimeTarball,
  loadRuntime,
  matchesIntegrity,
  RuntimeDownloadError,
  runtimeCacheDir,
} from '../../src/bundle/fetch-runtime-fs.ts';
import { NODE_RUNTIMES, nodeRuntime } from '../../src/bundle/node-runtimes.ts';
import { readTarball } from '../../src/bundle/read-tarball.ts';
import { type UnpackedBundle, unpackedBundle } from '../helpers/bundle.ts';
import { type RunningHub, startServerProcess } from '../helpers/hub-server.ts';

// Downloads come from the npm registry once per machine (cached like `npm run bundle` does).
const cache = runtimeCacheDir(process.env);
const work = mkdtempSync(join(tmpdir(), 'baken-runtimes-'));
let bundle: UnpackedBundle;
let served: RunningHub | undefined;

beforeAll(async () => {
  bundle = await unpackedBundle({ runtimes: [nodeRuntime('linux-x64')] });
}, 300_000);
afterAll(async () => {
  await served?.stop();
  if (bundle) rmSync(bundle.work, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** A PATH with only what start.sh needs, and no node: the volunteer's laptop. */
function pathWithoutNode(): string {
  const bin = join(work, 'bin');
  if (existsSync(bin)) return bin;
  mkdirSync(bin, { recursive: true });
  for (const tool of ['sh', 'uname', 'dirname', 'chmod']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(bin, tool));
  }
  return bin;
}

describe('Node.js runtimes in the bundle', () => {
  it('pins every runtime to the integrity the npm registry publishes for it', () => {
    expect(NODE_RUNTIMES.map((runtime) => runtime.folder).sort()).toEqual(['linux-x64', 'macos-x64', 'windows-x64']);
    for (const runtime of NODE_RUNTIMES) {
      const view = spawnSync('npm', ['view', `${runtime.packageName}@${runtime.version}`, 'dist.integrity'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(view.stdout.trim(), runtime.packageName).toBe(runtime.integrity);
    }
  });

  it('downloads each runtime once, checks it, and finds a binary for that system inside', () => {
    const magic: Record<string, (data: Buffer) => boolean> = {
      'windows-x64': (data) => data.subarray(0, 2).toString('latin1') === 'MZ',
      'macos-x64': (data) => data.readUInt32LE(0) === 0xfeedfacf,
      'linux-x64': (data) => data.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])),
    };
    for (const runtime of NODE_RUNTIMES) {
      const { binary } = loadRuntime(runtime, cache);
      expect(binary.length, runtime.folder).toBeGreaterThan(20 * 1024 * 1024);
      expect(magic[runtime.folder]?.(binary), runtime.folder).toBe(true);
    }
  }, 600_000);

  it('refuses a tarball that does not match the pinned integrity, and keeps nothing of it', () => {
    const linux = nodeRuntime('linux-x64');
    const tampered = { ...linux, integrity: `sha512-${Buffer.alloc(64).toString('base64')}` };
    const own = join(work, 'cache');
    mkdirSync(own, { recursive: true });
    copyFileSync(
      join(cache, `${linux.packageName}-${linux.version}.tgz`),
      join(own, `${linux.packageName}-${linux.version}.tgz`),
    );
    let error: unknown;
    try {
      fetchRuntimeTarball(tampered, own);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuntimeDownloadError);
    expect((error as RuntimeDownloadError).code).toBe('runtime-integrity-mismatch');
    expect((error as Error).message).toMatch(/klopt niet met de vastgelegde controlewaarde/);
    expect(spawnSync('ls', ['-A', own], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 300_000);

  it('reads files from a gzipped tarball and checks sha512 integrity', () => {
    const dir = join(work, 'tar');
    mkdirSync(join(dir, 'package', 'bin'), { recursive: true });
    writeFileSync(join(dir, 'package', 'bin', 'node'), 'binair');
    writeFileSync(join(dir, 'package', 'LICENSE'), 'MIT');
    const tgz = join(work, 'pakket.tgz');
    expect(spawnSync('tar', ['-czf', tgz, '-C', dir, 'package']).status).toBe(0);
    const data = readFileSync(tgz);
    const files = readTarball(data);
    expect(files.get('package/bin/node')?.toString()).toBe('binair');
    expect(files.get('package/LICENSE')?.toString()).toBe('MIT');
    const integrity = `sha512-${createHash('sha512').update(data).digest('base64')}`;
    expect(matchesIntegrity(data, integrity)).toBe(true);
    expect(matchesIntegrity(Buffer.concat([data, Buffer.from([0])]), integrity)).toBe(false);
    expect(matchesIntegrity(data, 'md5-abc')).toBe(false);
  });

  it('starts with ./start.sh <port> on a machine without Node on the PATH, and serves the site', async () => {
    const path = pathWithoutNode();
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: path } }).status).not.toBe(0);
    expect(statSync(join(bundle.dir, 'start.sh')).mode & 0o111).not.toBe(0);
    expect(statSync(join(bundle.dir, 'runtime', 'linux-x64', 'node')).mode & 0o111).not.toBe(0);
    // ./start.sh as unpacked: its execute bit and #!/bin/sh line, not an sh in front.
    served = await startServerProcess(['0'], {
      cwd: bundle.dir,
      command: join(bundle.dir, 'start.sh'),
      env: { PATH: path, HOST: '127.0.0.1' },
    });
    const home = await fetch(`${served.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="nl"');
    expect(await (await fetch(`${served.url}/api/health`)).json()).toEqual({ status: 'ok', local: true });
  });

  it('says in Dutch what to do when neither the bundled Node nor a Node on the PATH can run (sh start.sh)', () => {
    const bare = join(work, 'bare');
    mkdirSync(bare, { recursive: true });
    copyFileSync(join(bundle.dir, 'start.sh'), join(bare, 'start.sh'));
    const result = spawnSync('/bin/sh', [join(bare, 'start.sh')], {
      encoding: 'utf8',
      env: { PATH: pathWithoutNode() },
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Baken kan niet starten: er is geen Node.js voor deze computer.');
  });
});
