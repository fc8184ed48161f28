import { updateUrl } from '../feeds/feed-context.ts';
import { replyPageUrl, withReplyLink } from '../replies/reply-page-link.ts';
import type { EmailMessage, OutgoingMessage, SmsMessage } from '../transports/transport.ts';
import { emailHtml } from './email-html.ts';
import type { ClaimedRow } from './outbox-store.ts';

/** Link a subscriber uses to unsubscribe (and, with POST, the one-click unsubscribe). */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return new URL(`/afmelden/?token=${encodeURIComponent(token)}`, publicUrl).href;
}

/**
 * The message for one outbox row. Email goes as HTML with a plain-text alternative, names
 * the sending organisation, links to the update on the site when it is there, and ends with
 * the unsubscribe link and the List-Unsubscribe(-Post) headers for one-click unsubscribe (RFC 8058).
 */
export function buildMessage(row: ClaimedRow, publicUrl: string, orgName: string): OutgoingMessage {
  if (row.channel === 'sms') {
    const sms: SmsMessage = { channel: 'sms', to: row.address, text: row.smsText, idempotencyKey: row.idempotencyKey };
    return sms;
  }
  const headers: Record<string, string> = {};
  const unsubscribeLink = row.subscriberToken ? unsubscribeUrl(publicUrl, row.subscriberToken) : undefined;
  if (unsubscribeLink) {
    headers['List-Unsubscribe'] = `<${unsubscribeLink}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  const emailText = withReplyLink(
    row.emailText,
    row.subscriberToken ? replyPageUrl(publicUrl, row.broadcastId, row.subscriberToken) : undefined,
  );
  const updateLink = row.onWeb
    ? updateUrl({ publicUrl, listPath: row.training ? '/oefening/' : '/actueel/' }, row.broadcastId)
    : undefined;
  const text = [
    // An exercise says so before anything else, on every channel.
    `${row.training ? 'OEFENING: ' : ''}Bericht van ${orgName}`,
    emailText,
    ...(updateLink ? [`Lees dit bericht en nieuwe updates op onze website: ${updateLink}`] : []),
    `--\nU krijgt dit bericht omdat u zich heeft aangemeld voor berichten van ${orgName}.${unsubscribeLink ? `\nAfmelden of uw gegevens bekijken: ${unsubscribeLink}` : ''}`,
  ].join('\n\n');
  const email: EmailMessage = {
    channel: 'email',
    to: row.address,
    subject: row.emailSubject,
    text,
    html: emailHtml({ orgName, subject: row.emailSubject, text: emailText, updateLink, unsubscribeLink }),
    headers,
    idempotencyKey: row.idempotencyKey,
  };
  return email;
}
