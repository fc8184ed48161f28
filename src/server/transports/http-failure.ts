import { TransportError } from './transport.ts';

/**
 * Classifies an HTTP answer that is not a success from an SMS gateway. 429, 408 and 5xx are
 * transient. 401 and 403 are transient too: wrong credentials say nothing about the recipient,
 * so the outbox should fail over to the next provider rather than give up on the recipient.
 * Any other 4xx (a bad number, a text the gateway refuses) is permanent.
 */
export function classifyHttpStatus(transport: string, status: number, detail: string): TransportError {
  const permanent = status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
  return new TransportError(
    transport,
    permanent ? 'permanent' : 'transient',
    `${transport}-${status}`,
    `HTTP ${status}: ${detail.trim().slice(0, 200)}`,
  );
}

/**
 * Classifies a request that got no HTTP answer: a timeout, a refused or reset connection, a
 * name that does not resolve. All are transient; the code names the cause, e.g. `kannel-econnrefused`.
 */
export function classifyFetchFailure(transport: string, error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TransportError(transport, 'transient', `${transport}-timeout`, 'de gateway antwoordde niet op tijd');
  }
  // fetch() reports network errors as TypeError('fetch failed') with the socket error as cause.
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code.toLowerCase() : 'unreachable';
  const message = typeof cause?.message === 'string' ? cause.message : String(error);
  return new TransportError(transport, 'transient', `${transport}-${code}`, message);
}

/**
 * Sends one request to an SMS gateway with a time limit and returns the body of a 2xx
 * answer; any other outcome is thrown as a classified TransportError.
 */
export async function requestGateway(
  transport: string,
  url: string | URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<string> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    body = await response.text();
  } catch (error) {
    throw classifyFetchFailure(transport, error);
  }
  if (!response.ok) throw classifyHttpStatus(transport, response.status, body);
  return body;
}
