import type { EmailMessage, OutgoingMessage, SmsMessage } from '../transports/transport.ts';
import type { ClaimedRow } from './outbox-store.ts';

/** Link a subscriber uses to unsubscribe (and, with POST, the one-click unsubscribe). */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return new URL(`/afmelden/?token=${encodeURIComponent(token)}`, publicUrl).href;
}

/**
 * The message for one outbox row. Email gets a footer with the unsubscribe link, and the
 * List-Unsubscribe and List-Unsubscribe-Post headers for one-click unsubscribe (RFC 8058).
 */
export function buildMessage(row: ClaimedRow, publicUrl: string): OutgoingMessage {
  if (row.channel === 'sms') {
    const sms: SmsMessage = { channel: 'sms', to: row.address, text: row.smsText, idempotencyKey: row.idempotencyKey };
    return sms;
  }
  const headers: Record<string, string> = {};
  let footer = '';
  if (row.subscriberToken) {
    const link = unsubscribeUrl(publicUrl, row.subscriberToken);
    headers['List-Unsubscribe'] = `<${link}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    footer = `\n\n--\nU krijgt dit bericht omdat u bent aangemeld voor berichten van Baken.\nAfmelden of uw gegevens bekijken: ${link}`;
  }
  const email: EmailMessage = {
    channel: 'email',
    to: row.address,
    subject: row.emailSubject,
    text: row.emailText + footer,
    headers,
    idempotencyKey: row.idempotencyKey,
  };
  return email;
}
