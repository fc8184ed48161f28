import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SECURITY_HEADERS } from './security-headers.ts';
import { createStaticHandler, type StaticHandlerOptions } from './static-files.ts';

/** Handles what is not a prebuilt file: pages and API routes rendered on demand. */
export type AppHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HubServerOptions {
  /** Folder with the prebuilt site (`dist/client`). */
  clientDir: string;
  /** Astro's on-demand handler; without one, anything that is not a file gets the 404 page. */
  appHandler?: AppHandler | undefined;
  /** Options of the static file handler (tests use them to make a file fail). */
  staticFiles?: StaticHandlerOptions | undefined;
}

/** The hub's HTTP server: security headers on everything, prebuilt files first, then Astro. */
export function createHubServer({ clientDir, appHandler, staticFiles }: HubServerOptions): Server {
  const serveStatic = createStaticHandler(clientDir, staticFiles);
  const notFound = async (res: ServerResponse) => {
    let page: Buffer | string = 'Niet gevonden';
    try {
      page = await readFile(join(clientDir, '404.html'));
    } catch {
      // No 404 page in this build: the plain text above is enough.
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(page);
  };

  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      if (await serveStatic(req, res)) return;
      if (appHandler) appHandler(req, res);
      else await notFound(res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Er ging iets mis op de server.');
    }
  });
  // Longer than clients' keep-alive (undici: 4 s), so the server never closes a connection
  // at the moment a client sends its next request on it.
  server.keepAliveTimeout = 30_000;
  return server;
}
