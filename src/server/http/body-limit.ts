import type { IncomingMessage, ServerResponse } from 'node:http';

const KB = 1024;

/** Public forms and callbacks: a sign-up, a login, a code. */
export const PUBLIC_BODY_LIMIT = 16 * KB;
/** Console and API requests with JSON or a form: a broadcast with its texts. */
export const CONSOLE_BODY_LIMIT = 256 * KB;
/** Console uploads (a CSV list of subscribers). */
export const UPLOAD_BODY_LIMIT = 10 * 1024 * KB;

// Paths anyone may post to without logging in.
const PUBLIC_PATHS = [
  /^\/api\/abonnement\//,
  /^\/api\/session\/?$/,
  /^\/api\/dlr\//,
  /^\/api\/public\//,
  /^\/coordinator\/inloggen/,
  /^\/abonnement\//,
  /^\/afmelden\//,
  /^\/mijn-gegevens\//,
  /^\/api\/mo\//,
  /^\/antwoord\//,
];

/** The most bytes a request to `path` with this content type may send. */
export function bodyLimitFor(path: string, contentType: string): number {
  if (PUBLIC_PATHS.some((pattern) => pattern.test(path))) return PUBLIC_BODY_LIMIT;
  if (/^(text\/csv|multipart\/form-data)\b/.test(contentType)) return UPLOAD_BODY_LIMIT;
  return CONSOLE_BODY_LIMIT;
}

function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const socket = req.socket;
  if (res.headersSent) return void socket.destroy();
  const message = `Het verzoek is te groot: hier mag u ten hoogste ${Math.round(limit / KB)} kB sturen. Maak het kleiner en probeer het opnieuw.`;
  const wantsJson = !(req.headers.accept ?? '').includes('text/html');
  res.writeHead(413, {
    'Content-Type': wantsJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    Connection: 'close',
    'Cache-Control': 'no-store',
  });
  // Close the connection once the answer is out: the rest of the body is not read.
  res.end(wantsJson ? JSON.stringify({ error: { code: 'body-too-large', message } }) : message, () => socket.destroy());
}

/** After a 413 mid-stream, Astro still tries to answer; let that go nowhere instead of throwing. */
function silence(res: ServerResponse): void {
  res.writeHead = (() => res) as typeof res.writeHead;
  res.write = (() => true) as typeof res.write;
  res.end = (() => res) as typeof res.end;
}

/**
 * Caps the body of `req`: refuses at once with 413 when Content-Length says too much, and
 * otherwise hands Astro a body that stops with 413 when more arrives than the limit (chunked
 * uploads carry no length). Returns false when the request was answered already.
 */
export function limitBody(req: IncomingMessage, res: ServerResponse): boolean {
  const [path = '/'] = (req.url ?? '/').split('?');
  const limit = bodyLimitFor(path, req.headers['content-type'] ?? '');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    tooLarge(req, res, limit);
    return false;
  }
  // Astro reads `req.body` when it is an async iterable, instead of `req` itself.
  (req as IncomingMessage & { body?: AsyncIterable<Buffer> }).body = (async function* () {
    let received = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.byteLength;
      if (received > limit) {
        tooLarge(req, res, limit);
        silence(res);
        throw new Error(`request body over ${limit} bytes`);
      }
      yield chunk;
    }
  })();
  return true;
}
