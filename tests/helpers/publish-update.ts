import { ApiClient, addUserWithCli } from './api-client.ts';
import type { RunningHub } from './hub-server.ts';

export const COORDINATOR_PASSWORD = 'correct horse battery staple';

/** Two signed-in coordinators: one writes and submits, the other approves. */
export interface Coordinators {
  anna: ApiClient;
  bram: ApiClient;
}

/** A web update as the public feed shows it. */
export interface PublishedUpdate {
  id: string;
  title: string;
  publishedAt: string;
}

/** Makes the coordinators anna and bram on `hub` through the CLI and logs both in over the API. */
export async function loginCoordinators(hub: RunningHub): Promise<Coordinators> {
  addUserWithCli(hub.dataDir, 'anna', COORDINATOR_PASSWORD);
  addUserWithCli(hub.dataDir, 'bram', COORDINATOR_PASSWORD);
  const anna = new ApiClient(hub.url);
  const bram = new ApiClient(hub.url);
  if (
    (await anna.login('anna', COORDINATOR_PASSWORD)) !== 200 ||
    (await bram.login('bram', COORDINATOR_PASSWORD)) !== 200
  )
    throw new Error('login failed');
  return { anna, bram };
}

/**
 * Publishes one web update the way coordinators do: anna composes and submits, bram
 * approves. `fields` fills the zorg-stroomuitval script. Returns its id, title and
 * publication time as the public feed shows them.
 */
export async function publishWebUpdate(
  { anna, bram }: Coordinators,
  fields: Record<string, string> = {
    organisatie: 'Zorggroep De Brug',
    gemeente: 'Voorbeeldstad',
    locatie: 'De Brug',
    tijd: '14:00',
  },
): Promise<PublishedUpdate> {
  const created = await anna.post('/api/broadcasts', {
    script: 'zorg-stroomuitval',
    channels: ['web'],
    lists: [],
    training: false,
    fields,
  });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  if ((await anna.post(`/api/broadcasts/${id}/submit`)).status !== 200) throw new Error('submit failed');
  const approved = await bram.post(`/api/broadcasts/${id}/approve`);
  if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
  const feed = (await anna.get('/feeds/actueel.json')).body as {
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
