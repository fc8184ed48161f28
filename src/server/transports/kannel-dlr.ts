import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Delivery states Kannel reports, by DLR type: 1 delivered to the phone, 2 not delivered to
 * the phone, 4 buffered at the SMSC, 8 accepted by the SMSC, 16 rejected by the SMSC.
 */
export type KannelDlrState = 'delivered' | 'failed' | 'buffered' | 'submitted' | 'rejected';

/** Ask Kannel for every DLR type (1 + 2 + 4 + 8 + 16). */
export const KANNEL_DLR_MASK = 31;

const STATES: Record<string, KannelDlrState> = {
  '1': 'delivered',
  '2': 'failed',
  '4': 'buffered',
  '8': 'submitted',
  '16': 'rejected',
};

export interface KannelDlr {
  /** Idempotency key of the outbox row the report is about. */
  idempotencyKey: string;
  state: KannelDlrState;
}

/**
 * The secret a delivery report must carry for one message: an HMAC of its key under the
 * hub's DLR key (from data/secret.key). Only Kannel, which got it in the dlr-url, knows it;
 * knowing or guessing an idempotency key is not enough to forge a report.
 */
export function dlrSignature(secret: Buffer, idempotencyKey: string): string {
  return createHmac('sha256', secret)
    .update(`kannel-dlr:${idempotencyKey}`)
    .digest()
    .subarray(0, 24)
    .toString('base64url');
}

/**
 * The address of the DLR route under Baken's public address, e.g. `/api/dlr/kannel` under
 * `https://example.nl/baken` gives `https://example.nl/baken/api/dlr/kannel`: relative to the
 * public URL, so a path prefix is kept. The composition root passes the route's path in.
 */
export function kannelDlrEndpoint(publicUrl: string, routePath: string): string {
  return new URL(routePath.replace(/^\//, ''), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href;
}

/**
 * The `dlr-url` Kannel calls back on: `<endpoint>?key=<key>&status=%d&sig=<sig>`, where
 * `endpoint` is the DLR route's absolute address (see kannelDlrEndpoint) and Kannel replaces
 * `%d` with the DLR type. A `%` from URL-encoding the key is doubled, because Kannel reads `%%`
 * as a literal `%` and `%C`, `%A`… as its own escape codes. The signature is base64url, so it
 * holds no `%`.
 */
export function kannelDlrUrl(endpoint: string, idempotencyKey: string, secret: Buffer): string {
  const key = encodeURIComponent(idempotencyKey).replaceAll('%', '%%');
  return `${endpoint}?key=${key}&status=%d&sig=${dlrSignature(secret, idempotencyKey)}`;
}

/**
 * Reads the query of a DLR callback (see kannelDlrUrl). Returns undefined when the key is
 * missing or the status is not a single DLR type (the route answers 400), and 'forged' when
 * the signature is missing or wrong (403).
 */
export function parseKannelDlr(params: URLSearchParams, secret: Buffer): KannelDlr | 'forged' | undefined {
  const idempotencyKey = params.get('key');
  const state = STATES[params.get('status') ?? ''];
  if (idempotencyKey === null || idempotencyKey === '' || idempotencyKey.length > 200 || state === undefined)
    return undefined;
  const given = Buffer.from(params.get('sig') ?? '');
  const expected = Buffer.from(dlrSignature(secret, idempotencyKey));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return { idempotencyKey, state };
}
