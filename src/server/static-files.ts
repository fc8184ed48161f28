import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { contentTypeFor } from './content-types.ts';
import { ENCODINGS, type Encoding, isCompressible, negotiateEncoding } from './precompressed.ts';

/** Folder (URL prefix) where the build puts content-hashed assets that never change. */
const HASHED_PREFIX = '/_astro/';
/** Files up to this size are kept in memory after the first request; bigger ones stream from disk. */
const MEMORY_LIMIT = 1024 * 1024;

/** One way to send a file: as it is, or a precompressed variant. */
interface Representation {
  encoding: Encoding | undefined;
  path: string;
  size: number;
  etag: string;
  /** The bytes, when small enough to keep in memory. */
  body: Buffer | undefined;
}

/** What is known about one file, valid while its size and mtime stay the same. */
interface KnownFile {
  key: string;
  contentType: string;
  lastModified: string;
  compressible: boolean;
  representations: Representation[];
}

export interface StaticHandlerOptions {
  /** Opens a file to stream (files above the memory limit); the file system unless a test says otherwise. */
  openStream?: (path: string) => Readable;
  /** Where a failure while sending a file is written; standard error by default. */
  log?: (line: string) => void;
}

/**
 * Serves the prebuilt site from a folder. `/x/` and `/x/index.html` serve the same file;
 * `/x` redirects to `/x/` when that is a folder. A `.br` or `.gz` file next to a file is sent
 * instead when the browser accepts that encoding, with its own ETag. Returns false when no file
 * matches, so the caller can hand the request on (to the on-demand renderer). All file access is
 * asynchronous, so a slow disk never holds up other requests.
 */
export function createStaticHandler(
  root: string,
  { openStream = (path) => createReadStream(path), log = (line) => console.error(line) }: StaticHandlerOptions = {},
) {
  const known = new Map<string, KnownFile>();

  async function describe(path: string, stats: Stats): Promise<KnownFile> {
    // Size and mtime say when to look again; the ETag itself is a content hash, so identical
    // files keep their ETag across rebuilds.
    const key = `${stats.size}:${stats.mtimeMs}`;
    const cached = known.get(path);
    if (cached?.key === key) return cached;
    const compressible = isCompressible(path);
    const representations = [await representation(path, undefined, stats)];
    if (compressible) {
      for (const encoding of ENCODINGS) {
        const variantStats = await statOrUndefined(`${path}${encoding.suffix}`);
        if (variantStats?.isFile()) {
          representations.push(await representation(`${path}${encoding.suffix}`, encoding, variantStats));
        }
      }
    }
    const file = {
      key,
      contentType: contentTypeFor(path),
      lastModified: stats.mtime.toUTCString(),
      compressible,
      representations,
    };
    known.set(path, file);
    return file;
  }

  async function resolveFile(pathname: string): Promise<{ path: string; stats: Stats } | 'directory' | undefined> {
    const path = normalize(join(root, pathname));
    if (path !== root && !path.startsWith(root + sep)) return undefined;
    const stats = await statOrUndefined(path);
    if (!stats) return undefined;
    if (stats.isFile()) return { path, stats };
    if (!stats.isDirectory()) return undefined;
    if (!pathname.endsWith('/')) return 'directory';
    const index = join(path, 'index.html');
    const indexStats = await statOrUndefined(index);
    return indexStats?.isFile() ? { path: index, stats: indexStats } : undefined;
  }

  return async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // A path such as `//matrix` is not a URL relative to the site: as one it names the host "matrix".
    const target = req.url ?? '/';
    const url = new URL(target.startsWith('/') ? `http://localhost${target}` : target, 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    if (pathname.includes('\0') || pathname.split('/').some((part) => part.startsWith('.') && part !== '.well-known')) {
      return false;
    }

    const resolved = await resolveFile(pathname);
    if (resolved === undefined) return false;
    if (resolved === 'directory') {
      // Repeated slashes are folded: `//matrix/` would be a link to the host "matrix".
      const location = `${url.pathname.replace(/\/{2,}/g, '/')}/${url.search}`;
      res.writeHead(301, { Location: location, 'Cache-Control': 'no-cache' });
      res.end();
      return true;
    }

    const file = await describe(resolved.path, resolved.stats);
    const available = file.representations.flatMap((r) => (r.encoding ? [r.encoding] : []));
    const chosen = negotiateEncoding(req.headers['accept-encoding'], available);
    const [original] = file.representations;
    const sent = file.representations.find((r) => r.encoding === chosen) ?? original;
    if (!sent) return false;

    res.setHeader('Content-Type', file.contentType);
    res.setHeader('ETag', sent.etag);
    res.setHeader('Last-Modified', file.lastModified);
    res.setHeader(
      'Cache-Control',
      pathname.startsWith(HASHED_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    // The answer depends on Accept-Encoding whenever a variant could exist, so caches must key on it.
    if (file.compressible) res.setHeader('Vary', 'Accept-Encoding');
    if (etagMatches(req.headers['if-none-match'], sent.etag)) {
      res.writeHead(304);
      res.end();
      return true;
    }
    if (sent.encoding) res.setHeader('Content-Encoding', sent.encoding.name);
    res.setHeader('Content-Length', sent.size);
    res.writeHead(200);
    if (req.method === 'HEAD') res.end();
    else if (sent.body) res.end(sent.body);
    else {
      openStream(sent.path)
        .on('error', (error) => {
          // The headers are out, so the only honest answer left is a broken connection.
          log(`Baken: ${sent.path} kon niet worden verstuurd: ${error.message}`);
          res.destroy();
        })
        .pipe(res);
    }
    return true;
  };
}

async function representation(path: string, encoding: Encoding | undefined, stats: Stats): Promise<Representation> {
  const content = await readFile(path);
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
  return { encoding, path, size: content.length, etag, body: stats.size <= MEMORY_LIMIT ? content : undefined };
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === '*' || value === etag;
  });
}
