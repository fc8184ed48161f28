import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

/**
 * The regular files of a gzipped tar archive (as npm packs packages), by path. Enough of
 * ustar for npm tarballs: pax headers are skipped, names use the ustar prefix field.
 */
export function readTarball(gzipped: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(gzipped);
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const text = (start: number, length: number) =>
      header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = Number.parseInt(text(124, 12).trim() || '0', 8);
    const type = text(156, 1) || '0';
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const start = offset + BLOCK;
    if (type === '0') files.set(name, Buffer.from(tar.subarray(start, start + size)));
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
