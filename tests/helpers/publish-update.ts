import { type Coordinators, loginCoordinators, publishThroughApi } from './coordinators.ts';
import type { RunningHub } from './hub-server.ts';

/** A web update as the public feed shows it. */
export interface PublishedUpdate {
  id: string;
  title: string;
  publishedAt: string;
}

/**
 * Publishes one web update the way coordinators do: anna composes and submits, bram
 * approves. `fields` fills the zorg-stroomuitval script. Returns its id, title and
 * publication time as the public feed shows them.
 */
export async function publishWebUpdate(
  coordinators: Coordinators,
  fields: Record<string, string> = {
    organisatie: 'Zorggroep De Brug',
    gemeente: 'Voorbeeldstad',
    locatie: 'De Brug',
    tijd: '14:00',
  },
): Promise<PublishedUpdate> {
  const { id } = await publishThroughApi(coordinators, {
    script: 'zorg-stroomuitval',
    channels: ['web'],
    lists: [],
    training: false,
    fields,
  });
  const feed = (await coordinators.anna.get('/feeds/actueel.json')).body as {
    items: Array<{ id: string; title: string; date_published: string }>;
  };
  const item = feed.items.find((entry) => entry.id === `urn:baken:bericht:${id}`);
  if (!item) throw new Error('the published update is not in the feed');
  return { id, title: item.title, publishedAt: item.date_published };
}

/** Makes two coordinators on `hub` and publishes one web update with them (see `publishWebUpdate`). */
export async function publishUpdate(hub: RunningHub): Promise<PublishedUpdate> {
  return publishWebUpdate(await loginCoordinators(hub));
}
