// Characters allowed unquoted in the local part of a Message-ID (RFC 5322 atext and the dot),
// less `%`, which starts an escape here: that keeps two different keys from giving one id.
const UNSAFE_IN_ID = /[^A-Za-z0-9!#$&'*+/=?^_`{|}~.-]/g;

/**
 * The Message-ID for an outbox row: `<key@domain>`. The same key always gives the same id,
 * so a resend after a crash can be recognised as a duplicate by the receiving side.
 * Characters that may not appear in a Message-ID are written as `%XX`.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  const local = idempotencyKey.replace(UNSAFE_IN_ID, (char) => percentEncode(char));
  return `<${local}@${domain}>`;
}

/**
 * A file name for a spooled message, from its idempotency key: the same key always gives
 * the same name, so a resend overwrites the earlier file.
 */
export function spoolFileName(idempotencyKey: string, extension: string): string {
  return `${encodeURIComponent(idempotencyKey)}.${extension}`;
}

function percentEncode(char: string): string {
  return [...new TextEncoder().encode(char)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}
