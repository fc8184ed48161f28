import { type FeedContext, updateUrl } from './feed-context.ts';
import type { PublicUpdate } from './public-update.ts';

/** A JSON Feed 1.1 document of published updates. */
export function jsonFeed(updates: PublicUpdate[], context: FeedContext): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: context.title,
      home_page_url: new URL(context.listPath, context.publicUrl).href,
      feed_url: new URL('/feeds/actueel.json', context.publicUrl).href,
      language: 'nl',
      authors: [{ name: context.orgName, url: new URL('/', context.publicUrl).href }],
      items: updates.map(({ broadcast: b, state }) => ({
        id: `urn:baken:bericht:${b.id}`,
        url: updateUrl(context, b.id),
        title: b.title,
        content_text: b.webBody,
        date_published: b.publishedAt,
        tags: [b.scenario, b.messageType, state],
        _baken: { state, references: b.references, cap: new URL(`/feeds/cap/${b.id}.xml`, context.publicUrl).href },
      })),
    },
    null,
    2,
  );
}
