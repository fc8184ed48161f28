import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor } from './content-types.ts';
import { ENCODINGS, isCompressible, negotiateEncoding, type Encoding } from './precompressed.ts';

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

/**
 * Serves the prebuilt site from a folder. `/x/` and `/x/index.html` serve the same file;
 * `/x` redirects to `/x/` when that is a folder. A `.br` or `.gz` file next to a file is sent
 * instead when the browser accepts that encoding, with its own ETag. Returns false when no file
 * matches, so the caller can hand the request on (to the on-demand renderer).
 */
export function createStaticHandler(root: string) {
  const known = new Map<string, KnownFile>();

  function describe(path: string, stats: Stats): KnownFile {
    // Size and mtime say when to look again; the ETag itself is a content hash, so identical
    // files keep their ETag across rebuilds.
    const key = `${stats.size}:${stats.mtimeMs}`;
    const cached = known.get(path);
    if (cached?.key === key) return cached;
    const compressible = isCompressible(path);
    const representations = [representation(path, undefined, stats)];
    if (compressible) {
      for (const encoding of ENCODINGS) {
        const variantStats = statOrUndefined(`${path}${encoding.suffix}`);
        if (variantStats?.isFile()) representations.push(representation(`${path}${encoding.suffix}`, encoding, variantStats));
      }
    }
    const file = { key, contentType: contentTypeFor(path), lastModified: stats.mtime.toUTCString(), compressible, representations };
    known.set(path, file);
    return file;
  }

  function resolveFile(pathname: string): { path: string; stats: Stats } | 'directory' | undefined {
    const path = normalize(join(root, pathname));
    if (path !== root && !path.startsWith(root + sep)) return undefined;
    const stats = statOrUndefined(path);
    if (!stats) return undefined;
    if (stats.isFile()) return { path, stats };
    if (!stats.isDirectory()) return undefined;
    if (!pathname.endsWith('/')) return 'directory';
    const index = join(path, 'index.html');
    const indexStats = statOrUndefined(index);
    return indexStats?.isFile() ? { path: index, stats: indexStats } : undefined;
  }

  return function serveStatic(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    if (pathname.includes('\0') || pathname.split('/').some((part) => part.startsWith('.') && part !== '.well-known')) return false;

    const resolved = resolveFile(pathname);
    if (resolved === undefined) return false;
    if (resolved === 'directory') {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}`, 'Cache-Control': 'no-cache' });
      res.end();
      return true;
    }

    const file = describe(resolved.path, resolved.stats);
    const available = file.representations.flatMap((r) => (r.encoding ? [r.encoding] : []));
    const chosen = negotiateEncoding(req.headers['accept-encoding'], available);
    const sent = file.representations.find((r) => r.encoding === chosen) ?? file.representations[0]!;

    res.setHeader('Content-Type', file.contentType);
    res.setHeader('ETag', sent.etag);
    res.setHeader('Last-Modified', file.lastModified);
    res.setHeader('Cache-Control', pathname.startsWith(HASHED_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache');
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
    else createReadStream(sent.path).on('error', () => res.destroy()).pipe(res);
    return true;
  };
}

function representation(path: string, encoding: Encoding | undefined, stats: Stats): Representation {
  const content = readFileSync(path);
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
  return { encoding, path, size: content.length, etag, body: stats.size <= MEMORY_LIMIT ? content : undefined };
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
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
