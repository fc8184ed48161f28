import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../helpers/api-client.ts';
import { startHubWithCoordinators } from '../helpers/coordinators.ts';
import type { RunningHub } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';

// Each login runs a real scrypt hash (128 MiB, two at a time): slow on a busy machine.
vi.setConfig({ testTimeout: 240_000 });

const fields = { organisatie: 'Zorggroep X', gemeente: 'Voorbeeldstad', locatie: 'De Brug', tijd: '14:00' };

let hub: RunningHub;
let anna: ApiClient;
let bram: ApiClient;

const setTraining = async (client: ApiClient, training: boolean) =>
  expect((await client.post('/api/session/training', { training })).status).toBe(200);

async function draft(training: boolean): Promise<string> {
  const created = await anna.post('/api/broadcasts', {
    script: 'zorg-stroomuitval',
    channels: ['web'],
    lists: [],
    training,
    fields,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await anna.post(`/api/broadcasts/${created.body.id}/submit`)).status).toBe(200);
  return created.body.id as string;
}

function refusalsAudited(): number {
  const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
  try {
    return (
      db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'broadcast.refused.training-mode'").get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ({ hub, anna, bram } = await startHubWithCoordinators());
});
afterAll(() => hub?.stop());

describe('oefenmodus is a sandbox both ways', () => {
  it('a session in training mode cannot approve, correct, withdraw or retry anything live (403, audited)', async () => {
    const pending = await draft(false);
    const published = await draft(false);
    expect((await bram.post(`/api/broadcasts/${published}/approve`)).status).toBe(200);

    await setTraining(bram, true);
    const before = refusalsAudited();
    for (const [id, action] of [
      [pending, 'approve'],
      [published, 'correct'],
      [published, 'cancel'],
      [published, 'retry-failed'],
    ] as const) {
      const refused = await bram.post(`/api/broadcasts/${id}/${action}`, {});
      expect(refused.status, action).toBe(403);
      expect(refused.body.error.code).toBe('training-mode');
      expect(refused.body.error.message).toMatch(/^U staat in oefenmodus\./);
    }
    expect(refusalsAudited()).toBe(before + 4);
    const live = await bram.get(`/api/broadcasts/${pending}`);
    expect(live.body.broadcast?.status ?? live.body.status).toBe('submitted');

    await setTraining(bram, false);
    expect((await bram.post(`/api/broadcasts/${pending}/approve`)).status).toBe(200);
  });

  it('a live session cannot approve an exercise by accident; in oefenmodus it can', async () => {
    const exercise = await draft(true);
    const refused = await bram.post(`/api/broadcasts/${exercise}/approve`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/Een oefening keurt u alleen goed in oefenmodus/);

    await setTraining(bram, true);
    const approved = await bram.post(`/api/broadcasts/${exercise}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', training: true });
    await setTraining(bram, false);
  });

  it('answers a console form with the reason on the broadcast page, not with JSON', async () => {
    const exercise = await draft(true);
    const response = await fetch(`${hub.url}/api/broadcasts/${exercise}/approve`, {
      method: 'POST',
      headers: { Cookie: bram.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/coordinator/berichten/${exercise}/`);
    const page = await (
      await fetch(`${hub.url}/coordinator/berichten/${exercise}/`, {
        headers: {
          Cookie: `${bram.cookie}; ${present(response.headers.getSetCookie()[0], 'a Set-Cookie header').split(';')[0]}`,
        },
      })
    ).text();
    expect(page).toContain('Een oefening keurt u alleen goed in oefenmodus');
  });
});
