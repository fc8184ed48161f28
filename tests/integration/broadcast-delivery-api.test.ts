import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.ts';
import { importListWithCli } from '../helpers/baken-cli.ts';
import { COORDINATOR_PASSWORD as PASSWORD, startHubWithCoordinators } from '../helpers/coordinators.ts';
import type { RunningHub } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

// Addresses a spreadsheet would read as formulas; the relay refuses the first one for good until told otherwise.
const REFUSED = '+weiger@school.example';
const ACCEPTED = '-welkom@school.example';

let sink: SmtpSink;
let refuse = true;
let hub: RunningHub;
let anna: ApiClient;
let bram: ApiClient;

beforeAll(async () => {
  sink = await startSmtpSink({
    answer: (recipient) =>
      refuse && recipient === REFUSED ? { code: 550, message: '=HYPERLINK("x") mailbox unknown' } : 'accept',
  });
  ({ hub, anna, bram } = await startHubWithCoordinators({ env: { BAKEN_SMTP_URL: sink.url } }));
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  await sink?.stop();
});

async function waitForDelivery(id: string, done: (delivery: Record<string, number>) => boolean) {
  for (let i = 0; i < 120; i += 1) {
    const { body } = await anna.get(`/api/broadcasts/${id}`);
    const delivery = (body.delivery?.email ?? {}) as Record<string, number>;
    if (done(delivery)) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`delivery of ${id} did not settle`);
}

describe('delivery of a broadcast over HTTP', () => {
  it('lists a permanent failure in delivery.csv with formulas defused, then retries it once the relay accepts', async () => {
    importListWithCli(hub.dataDir, 'Scholen', `naam;e-mail;kanaal\nA;${REFUSED};e-mail\nB;${ACCEPTED};e-mail\n`);

    const created = await anna.post('/api/broadcasts', {
      script: 'zorg-stroomuitval',
      channels: ['email'],
      lists: ['Scholen'],
      training: false,
      fields: { organisatie: 'Gemeente', gemeente: 'Utrecht', locatie: 'centrum', tijd: '10:00' },
      area: 'Utrecht',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await anna.post(`/api/broadcasts/${id}/submit`)).status).toBe(200);
    expect((await bram.post(`/api/broadcasts/${id}/approve`)).status).toBe(200);

    const first = await waitForDelivery(id, (d) => (d.failed ?? 0) + (d.sent ?? 0) >= 2);
    expect(first).toMatchObject({ failed: 1, sent: 1 });

    const response = await fetch(`${hub.url}/api/broadcasts/${id}/delivery.csv`, { headers: { Cookie: anna.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    const refusedLine = present(
      lines.find((line) => line.includes('weiger')),
      'the line of the refused person',
    );
    expect(refusedLine).toContain(`"'${REFUSED}"`);
    expect(lines.find((line) => line.includes('welkom'))).toContain(`"'${ACCEPTED}"`);
    // No cell of the file starts with a formula character.
    for (const line of lines)
      for (const cell of line.split('","')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);

    refuse = false;
    const retried = await anna.post(`/api/broadcasts/${id}/retry-failed`);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ queued: 1 });
    await waitForDelivery(id, (d) => (d.sent ?? 0) === 2);
    expect(sink.messages.flatMap((m) => m.recipients)).toContain(REFUSED);
    expect((await anna.post(`/api/broadcasts/${id}/retry-failed`)).body).toEqual({ queued: 0 });
    const page = await fetch(`${hub.url}/coordinator/berichten/${id}/`, { headers: { Cookie: anna.cookie } });
    expect(await page.text()).toContain('Alles is verwerkt.');
  }, 90_000);

  it('ends the session on logout: the old cookie gets 401 afterwards', async () => {
    const client = new ApiClient(hub.url);
    expect(await client.login('anna', PASSWORD)).toBe(200);
    const cookie = client.cookie;
    expect((await client.get('/api/broadcasts')).status).toBe(200);
    const out = await client.post('/api/session/logout');
    expect(out.status).toBe(303);
    const stale = new ApiClient(hub.url);
    stale.cookie = cookie;
    expect((await stale.get('/api/broadcasts')).status).toBe(401);
  }, 60_000);
});
