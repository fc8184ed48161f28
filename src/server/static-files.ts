import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor } from './content-types.ts';

/** Folder (URL prefix) where the build puts content-hashed assets that never change. */
const HASHED_PREFIX = '/_astro/';

interface ResolvedFile {
  path: string;
  stats: Stats;
}

/**
 * Serves the prebuilt site from a folder. `/x/` and `/x/index.html` serve the same file;
 * `/x` redirects to `/x/` when that is a folder. Returns false when no file matches, so the
 * caller can hand the request on (to the on-demand renderer).
 */
export function createStaticHandler(root: string) {
  const etags = new Map<string, { key: string; etag: string }>();

  function etagFor(file: ResolvedFile): string {
    // A content hash, not mtime: identical files keep their ETag across rebuilds.
    const key = `${file.stats.size}:${file.stats.mtimeMs}`;
    const known = etags.get(file.path);
    if (known?.key === key) return known.etag;
    const etag = `"${createHash('sha256').update(readFileSync(file.path)).digest('base64url').slice(0, 27)}"`;
    etags.set(file.path, { key, etag });
    return etag;
  }

  function resolveFile(pathname: string): ResolvedFile | 'directory' | undefined {
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

    const file = resolveFile(pathname);
    if (file === undefined) return false;
    if (file === 'directory') {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}`, 'Cache-Control': 'no-cache' });
      res.end();
      return true;
    }

    const etag = etagFor(file);
    res.setHeader('Content-Type', contentTypeFor(file.path));
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', file.stats.mtime.toUTCString());
    res.setHeader('Cache-Control', pathname.startsWith(HASHED_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304);
      res.end();
      return true;
    }
    res.setHeader('Content-Length', file.stats.size);
    if (req.method === 'HEAD') {
      res.writeHead(200);
      res.end();
      return true;
    }
    res.writeHead(200);
    createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
    return true;
  };
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
