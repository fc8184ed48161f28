import { requestGateway } from './http-failure.ts';
import type { SmsTransport } from './transport.ts';

export interface HttpSmsTransportOptions {
  /** The gateway's send endpoint, e.g. `https://sms.example.nl/v1/messages`. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Sender shown on the phone. */
  from: string;
  /** Time to wait for the gateway's answer. */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A commercial SMS gateway with a JSON API. Each SMS is one request:
 *
 *     POST <url>
 *     Authorization: Bearer <token>
 *     Idempotency-Key: <idempotency key>
 *     Content-Type: application/json
 *     {"from": "Baken", "to": "+31612345678", "text": "…", "reference": "<idempotency key>"}
 *
 * Any 2xx is acceptance; when the answer is JSON with an `id` (string or number), that
 * becomes the provider's message id. 429, 5xx, timeouts and connection errors are
 * transient, other 4xx permanent (see classifyHttpStatus).
 */
export function createHttpSmsTransport(options: HttpSmsTransportOptions): SmsTransport {
  const name = 'http-sms';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name,
    channel: 'sms',
    async send(message) {
      const body = await requestGateway(
        name,
        options.url,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            // Gateways that know this header drop a resend of the same message.
            'idempotency-key': message.idempotencyKey,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify({
            from: options.from,
            to: message.to,
            text: message.text,
            reference: message.idempotencyKey,
          }),
        },
        timeoutMs,
      );
      return { providerMessageId: messageId(body) };
    },
    async close() {},
  };
}

/** The `id` from a JSON answer, when there is one. */
function messageId(body: string): string | undefined {
  try {
    const id: unknown = (JSON.parse(body) as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
