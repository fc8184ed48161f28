import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppHandler } from '../server/http-server.ts';

/** What the bundle's health probe answers: Baken answers, but it is a local copy. */
export const BUNDLE_HEALTH = { status: 'ok', local: true } as const;

const HUB_ONLY_PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dit kan alleen met de centrale Baken | Baken</title></head>
<body><main>
<h1>Dit kan alleen met de centrale Baken</h1>
<p>U gebruikt een kopie van Baken op het lokale netwerk. Aanmelden en andere formulieren werken alleen met de centrale Baken op internet. Uw gegevens zijn niet verstuurd.</p>
<p>Probeer het opnieuw als er weer internet is.</p>
<p><a href="/">Naar de startpagina</a> · <a href="/actueel/">Actuele berichten</a> · <a href="/noodkaarten/">Noodkaarten</a></p>
</main></body></html>`;

/**
 * The on-demand routes of the bundle's serve.mjs, for what is not a file in `site/`: the
 * health probe the connection banner asks, and a plain Dutch answer for everything only the
 * central hub can do (forms, the API), instead of a 404 that reads like a broken page.
 */
export function createBundleHandler(notFound: (res: ServerResponse) => void): AppHandler {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://bundle').pathname;
    if (path === '/api/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(BUNDLE_HEALTH));
      return;
    }
    if (path.startsWith('/api/') && req.headers.accept?.includes('application/json')) {
      res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(
        JSON.stringify({
          error: 'hub-only',
          message: 'Dit kan alleen met de centrale Baken. Deze kopie op het lokale netwerk kan het niet.',
        }),
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // The form is not read: answer at once and close, so no upload is kept open.
      res.writeHead(503, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'close',
      });
      res.end(HUB_ONLY_PAGE);
      return;
    }
    notFound(res);
  };
}
