import { ApiClient, addUserWithCli } from './api-client.ts';
import type { RunningHub } from './hub-server.ts';

const PASSWORD = 'correct horse battery staple';

/**
 * Publishes one web update on `hub` the way coordinators do: one composes and submits, a
 * second approves. Returns its id, title and publication time as the public feed shows them.
 */
export async function publishUpdate(hub: RunningHub): Promise<{ id: string; title: string; publishedAt: string }> {
  addUserWithCli(hub.dataDir, 'anna', PASSWORD);
  addUserWithCli(hub.dataDir, 'bram', PASSWORD);
  const anna = new ApiClient(hub.url);
  const bram = new ApiClient(hub.url);
  if ((await anna.login('anna', PASSWORD)) !== 200 || (await bram.login('bram', PASSWORD)) !== 200)
    throw new Error('login failed');
  const fields = { organisatie: 'Zorggroep De Brug', gemeente: 'Voorbeeldstad', locatie: 'De Brug', tijd: '14:00' };
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
