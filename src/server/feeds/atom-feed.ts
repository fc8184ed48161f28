import { escapeXml } from './escape-xml.ts';
import { type FeedContext, updateUrl } from './feed-context.ts';
import type { PublicUpdate } from './public-update.ts';

const STATE_NOTE: Record<PublicUpdate['state'], string> = {
  active: '',
  notice: '',
  corrected: '[Gecorrigeerd] ',
  withdrawn: '[Ingetrokken] ',
};

/** An Atom 1.0 (RFC 4287) feed of published updates. */
export function atomFeed(updates: PublicUpdate[], context: FeedContext): string {
  const feedUrl = new URL('/feeds/actueel.atom', context.publicUrl).href;
  const entries = updates.map(({ broadcast: b, state }) => {
    const link = updateUrl(context, b.id);
    return `  <entry>
    <id>urn:baken:bericht:${escapeXml(b.id)}</id>
    <title type="text">${escapeXml(STATE_NOTE[state] + b.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>
    <published>${b.publishedAt}</published>
    <updated>${b.publishedAt}</updated>
    <author><name>${escapeXml(context.orgName)}</name></author>
    <category term="${escapeXml(b.scenario)}"/>
    <content type="text">${escapeXml(b.webBody)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
  <id>${escapeXml(feedUrl)}</id>
  <title>${escapeXml(context.title)}</title>
  <updated>${context.updated}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(new URL(context.listPath, context.publicUrl).href)}"/>
${entries.join('\n')}
</feed>
`;
}
