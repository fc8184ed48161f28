import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BlockList } from 'node:net';
import { join } from 'node:path';
import { limitBody } from './http/body-limit.ts';
import { applyClientAddress } from './http/client-address.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { createStaticHandler, type StaticHandlerOptions } from './static-files.ts';

/** Handles what is not a prebuilt file: pages and API routes rendered on demand. */
export type AppHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HubServerOptions {
  /** Folder with the prebuilt site (`dist/client`). */
  clientDir: string;
  /** Astro's on-demand handler; without one, anything that is not a file gets the 404 page. */
  appHandler?: AppHandler | undefined;
  /** Routes of a relay that follows a central hub (/actueel/ and friends); true when it answered. */
  relay?: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  /** Connections held open at once; more are refused (default 1000). */
  maxConnections?: number | undefined;
  /** Reverse proxies whose X-Forwarded-For is believed (BAKEN_TRUSTED_PROXIES). */
  trustedProxies?: BlockList | undefined;
  /** Options of the static file handler (tests use them to make a file fail). */
  staticFiles?: StaticHandlerOptions | undefined;
}

/** Sends the site's own 404 page (or a plain text when the build has none). */
export function notFoundResponder(clientDir: string): (res: ServerResponse) => Promise<void> {
  return async (res) => {
    let page: Buffer | string = 'Niet gevonden';
    try {
      page = await readFile(join(clientDir, '404.html'));
    } catch {
      // No 404 page in this build: the plain text above is enough.
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(page);
  };
}

/** The hub's HTTP server: security headers on everything, prebuilt files first, then Astro. */
export function createHubServer({
  clientDir,
  appHandler,
  relay,
  maxConnections = 1000,
  trustedProxies,
  staticFiles,
}: HubServerOptions): Server {
  const serveStatic = createStaticHandler(clientDir, staticFiles);
  const notFound = notFoundResponder(clientDir);

  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      if (relay?.(req, res)) return;
      if (await serveStatic(req, res)) return;
      // Astro's image endpoint resizes on request, a CPU second each; Baken serves no such images.
      if (!appHandler || /^\/_image\/?(\?|$)/.test(req.url ?? '')) return await notFound(res);
      if (trustedProxies) applyClientAddress(req, trustedProxies);
      if (limitBody(req, res)) appHandler(req, res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Er ging iets mis op de server.');
    }
  });
  // Longer than clients' keep-alive (undici: 4 s), so the server never closes a connection
  // at the moment a client sends its next request on it.
  server.keepAliveTimeout = 30_000;
  // A slow client may not hold a connection forever: the headers within 10 s, the whole request within 60 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.maxConnections = maxConnections;
  return server;
}
