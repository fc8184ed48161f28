import type { FieldProblem } from '../../schemas/input-messages.ts';

/** A JSON response with no caching: API answers are personal or live. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** The error body every API endpoint uses: a stable code, a Dutch message and, for input, the fields. */
export function apiError(status: number, code: string, message: string, fields?: FieldProblem[]): Response {
  return json(status, { error: { code, message, ...(fields ? { fields } : {}) } });
}

/** Whether the client wants JSON back (the API) rather than an HTML page (a plain form post). */
export function wantsJson(request: Request): boolean {
  const type = request.headers.get('content-type') ?? '';
  const accept = request.headers.get('accept') ?? '';
  return type.includes('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/**
 * Cookie that carries a one-time message to the next page. A cookie set by the server, not
 * a query parameter, so nobody can put their own text on our pages with a crafted link.
 */
export const FLASH_COOKIE = '__Host-baken-melding';

export interface Flash {
  melding?: string;
  fout?: string;
  /** What a person typed in a form that came back with an error, so nothing is lost. */
  waarden?: Record<string, string>;
}

/** After a form post: go to `location` (303), with a message for the next page. */
export function seeOther(location: string, message?: Flash): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  if (message) {
    headers.append(
      'Set-Cookie',
      `${FLASH_COOKIE}=${encodeURIComponent(JSON.stringify(message))}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=120`,
    );
  }
  return new Response(null, { status: 303, headers });
}

/** Reads and clears the one-time message, if any. */
export function takeFlash(cookies: {
  get(name: string): { value: string } | undefined;
  delete(name: string, options: object): void;
}): Flash {
  const raw = cookies.get(FLASH_COOKIE)?.value;
  if (!raw) return {};
  cookies.delete(FLASH_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
  try {
    const value = JSON.parse(decodeURIComponent(raw)) as Flash;
    const waarden =
      value.waarden && typeof value.waarden === 'object'
        ? Object.fromEntries(
            Object.entries(value.waarden).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
          )
        : undefined;
    return {
      ...(typeof value.melding === 'string' ? { melding: value.melding } : {}),
      ...(typeof value.fout === 'string' ? { fout: value.fout } : {}),
      ...(waarden ? { waarden } : {}),
    };
  } catch {
    return {};
  }
}
