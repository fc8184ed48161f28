import { routes } from '../../catalog/routes.ts';

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
 * The `dlr-url` Kannel calls back on: `<publicUrl>/api/dlr/kannel?key=<key>&status=%d`, where
 * Kannel replaces `%d` with the DLR type. A `%` from URL-encoding the key is doubled, because
 * Kannel reads `%%` as a literal `%` and `%C`, `%A`… as its own escape codes.
 */
export function kannelDlrUrl(publicUrl: string, idempotencyKey: string): string {
  // Relative to the public URL, so a path prefix (https://example.nl/baken/) is kept.
  const url = new URL(routes.kannelDlr.slice(1), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  const key = encodeURIComponent(idempotencyKey).replaceAll('%', '%%');
  return `${url.href}?key=${key}&status=%d`;
}

/**
 * Reads the query of a DLR callback (see kannelDlrUrl). Returns undefined when the key is
 * missing or the status is not a single DLR type, so the route can answer 400.
 */
export function parseKannelDlr(params: URLSearchParams): KannelDlr | undefined {
  const idempotencyKey = params.get('key');
  const state = STATES[params.get('status') ?? ''];
  if (idempotencyKey === null || idempotencyKey === '' || state === undefined) return undefined;
  return { idempotencyKey, state };
}
