import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ENCODINGS, type Encoding, isCompressible } from '../server/precompressed.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
// Compression runs on libuv's thread pool; a few files at a time keep it busy without piling up.
const PARALLEL = 4;

export interface PrecompressResult {
  /** Compressible files found. */
  files: number;
  /** Their size, in bytes. */
  bytes: number;
  /** Bytes written per encoding (only variants smaller than the original are written). */
  written: Record<Encoding['name'], number>;
}

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) variant next to every
 * compressible file under `root`, when that variant is smaller. The server picks one per
 * request by `Accept-Encoding`, so nothing is compressed while serving.
 */
export async function precompressFiles(root: string): Promise<PrecompressResult> {
  const paths = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && isCompressible(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  const result: PrecompressResult = { files: paths.length, bytes: 0, written: { br: 0, gzip: 0 } };
  for (let start = 0; start < paths.length; start += PARALLEL) {
    await Promise.all(
      paths.slice(start, start + PARALLEL).map(async (path) => {
        const content = await readFile(path);
        result.bytes += content.length;
        for (const encoding of ENCODINGS) {
          const compressed = await compress(encoding, content);
          if (compressed.length >= content.length) continue;
          await writeFile(`${path}${encoding.suffix}`, compressed);
          result.written[encoding.name] += compressed.length;
        }
      }),
    );
  }
  return result;
}

function compress(encoding: Encoding, content: Buffer): Promise<Buffer> {
  if (encoding.name === 'gzip') return gzipAsync(content, { level: 9 });
  return brotli(content, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
}
