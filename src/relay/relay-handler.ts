import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SIGNED_UPDATES_PATH } from './fetch-signed-updates.ts';
import type { RelayStatus } from './follow-upstream.ts';
import { intoShell, renderRelayPage } from './render-relay-page.ts';

/** Answers a request when it is one of the relay's routes; false lets the server go on. */
export type RelayHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

// Pages of the build whose layout the relay page borrows, best first.
const SHELLS = ['actueel/index.html', 'offline/index.html', 'index.html'];
const PAGE_PATHS = new Set(['/actueel', '/actueel/', '/actueel/index.html']);

/**
 * The routes a relay serves from its copy of the central hub's updates: the page /actueel/,
 * the home page's `/api/public/updates.json`, and the signed feed itself, passed on byte for
 * byte so another relay (or anyone) can check it with the same public key.
 */
export function createRelayHandler(status: () => RelayStatus, clientDir: string): RelayHandler {
  const shellPath = SHELLS.map((name) => join(clientDir, name)).find((path) => existsSync(path));
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    const isPage = PAGE_PATHS.has(path);
    if (!isPage && path !== '/api/public/updates.json' && path !== SIGNED_UPDATES_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Dit adres kan alleen gelezen worden.');
      return true;
    }
    const current = status();
    let type = 'application/json; charset=utf-8';
    let body: string;
    let code = 200;
    if (isPage) {
      type = 'text/html; charset=utf-8';
      const main = renderRelayPage(current);
      body = shellPath
        ? intoShell(readFileSync(shellPath, 'utf8'), 'Actuele berichten', main)
        : `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Actuele berichten | Baken</title><main>${main}</main></html>`;
    } else if (path === SIGNED_UPDATES_PATH) {
      if (current.copy) body = current.copy.envelope;
      else {
        code = 503;
        body = JSON.stringify({
          error: {
            code: 'no-updates-yet',
            message: 'Deze computer heeft nog geen berichten van de centrale hub opgehaald.',
          },
        });
      }
    } else {
      const updates = (current.copy?.document.updates ?? [])
        .filter((u) => u.state === 'active')
        .map((u) => ({
          id: u.id,
          title: u.title,
          publishedAt: u.publishedAt,
          type: u.type,
          url: `/actueel/#bericht-${u.id}`,
        }));
      body = JSON.stringify({
        updates,
        fetchedAt: current.copy?.fetchedAt.toISOString() ?? null,
        upstream: current.upstream,
      });
    }
    res.writeHead(code, {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
