import type { Broadcast } from '../../schemas/broadcast.ts';
import { escapeXml } from './escape-xml.ts';
import { type FeedContext, updateUrl } from './feed-context.ts';

/** CAP wants times as YYYY-MM-DDThh:mm:ss with an offset; UTC is written as -00:00. */
export function capTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}-00:00`;
}

export function capSender(publicUrl: string): string {
  return `baken@${new URL(publicUrl).hostname}`;
}

export function capIdentifier(broadcast: Pick<Broadcast, 'id'>): string {
  return `baken-${broadcast.id}`;
}

const MSG_TYPE = { alert: 'Alert', update: 'Update', cancel: 'Cancel' } as const;

/**
 * A CAP 1.2 message (OASIS) for a published broadcast. Updates and cancellations name the
 * messages they refer to in `references` as "sender,identifier,sent".
 */
export function capMessage(
  broadcast: Broadcast,
  referenced: Broadcast[],
  context: Pick<FeedContext, 'publicUrl' | 'listPath' | 'orgName'> & { eventName: string },
): string {
  if (!broadcast.publishedAt) throw new Error(`broadcast ${broadcast.id} is not published`);
  const sender = capSender(context.publicUrl);
  const references = referenced
    .flatMap((r) => (r.publishedAt ? [`${sender},${capIdentifier(r)},${capTime(r.publishedAt)}`] : []))
    .join(' ');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    `  <identifier>${capIdentifier(broadcast)}</identifier>`,
    `  <sender>${escapeXml(sender)}</sender>`,
    `  <sent>${capTime(broadcast.publishedAt)}</sent>`,
    `  <status>${broadcast.training ? 'Exercise' : 'Actual'}</status>`,
    `  <msgType>${MSG_TYPE[broadcast.messageType]}</msgType>`,
    '  <scope>Public</scope>',
    ...(references ? [`  <references>${escapeXml(references)}</references>`] : []),
    '  <info>',
    '    <language>nl-NL</language>',
    '    <category>Infra</category>',
    `    <event>${escapeXml(context.eventName)}</event>`,
    `    <urgency>${broadcast.messageType === 'cancel' ? 'Past' : 'Immediate'}</urgency>`,
    `    <severity>${broadcast.messageType === 'cancel' ? 'Minor' : broadcast.severity}</severity>`,
    '    <certainty>Observed</certainty>',
    `    <senderName>${escapeXml(context.orgName)}</senderName>`,
    `    <headline>${escapeXml(broadcast.title)}</headline>`,
    `    <description>${escapeXml(broadcast.webBody)}</description>`,
    `    <web>${escapeXml(updateUrl(context, broadcast.id))}</web>`,
    '    <area>',
    `      <areaDesc>${escapeXml(broadcast.area)}</areaDesc>`,
    '    </area>',
    '  </info>',
    '</alert>',
    '',
  ];
  return lines.join('\n');
}
