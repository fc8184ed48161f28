import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_MAX_LENGTH } from '../../src/schemas/placeholders.ts';
import { alertTemplates } from '../../src/server/broadcast/compose-texts.ts';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { usedPlaceholders } from '../../src/server/broadcast/fill-placeholders.ts';
import type { ApiClient } from '../helpers/api-client.ts';
import { importListWithCli } from '../helpers/baken-cli.ts';
import { startHubWithCoordinators } from '../helpers/coordinators.ts';
import { projectRoot, type RunningHub } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';

const fields = { organisatie: 'Zorggroep De Linde', gemeente: 'Voorbeeldstad', locatie: 'Gemeentehuis' };
const draftBody = {
  script: 'zorg-stroomuitval',
  channels: ['web', 'email', 'sms'],
  lists: ['Schoolleiders'],
  fields,
  severity: 'Severe',
  area: 'Voorbeeldstad',
};
// Words of zod's (and JavaScript's) English messages; none may reach a person.
const ENGLISH =
  /\b(expected|received|invalid|too (small|big)|must|required|characters|string|array|number|object|undefined|option)\b/i;

let hub: RunningHub;
let anna: ApiClient;
let bram: ApiClient;

beforeAll(async () => {
  ({ hub, anna, bram } = await startHubWithCoordinators());
  importListWithCli(hub.dataDir, 'Schoolleiders');
}, 60_000);
afterAll(() => hub?.stop());

async function createDraft(): Promise<string> {
  const created = await anna.post('/api/broadcasts', draftBody);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

function expectDutch(body: { error: { message: string; fields?: Array<{ field: string; message: string }> } }): void {
  expect(body.error.message).not.toMatch(ENGLISH);
  for (const problem of body.error.fields ?? []) expect(problem.message, problem.field).not.toMatch(ENGLISH);
}

describe('drafts over the API', () => {
  it('GET includes recipients {total, email, sms} once a draft names its lists', async () => {
    const id = await createDraft();
    expect((await anna.get(`/api/broadcasts/${id}`)).body.recipients).toEqual({ total: 3, email: 2, sms: 1 });
    expect((await anna.request('PATCH', `/api/broadcasts/${id}`, { channels: ['web', 'email'] })).status).toBe(200);
    expect((await anna.get(`/api/broadcasts/${id}`)).body.recipients).toEqual({ total: 2, email: 2, sms: 0 });
  });

  it('PATCH changes a draft for its author only: 200, 403 for another, 409 once submitted, 422 in Dutch', async () => {
    const id = await createDraft();
    const changed = await anna.request('PATCH', `/api/broadcasts/${id}`, {
      fields: { ...fields, locatie: 'Sporthal De Brug' },
      area: 'Oost',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ area: 'Oost', severity: 'Severe', fields: { locatie: 'Sporthal De Brug' } });
    expect(changed.body.smsText).toContain('Sporthal De Brug');
    expect((await bram.request('PATCH', `/api/broadcasts/${id}`, { area: 'West' })).status).toBe(403);
    const bad = await anna.request('PATCH', `/api/broadcasts/${id}`, {
      channels: [],
      area: '',
      fields: { locatie: '' },
    });
    expect(bad.status).toBe(422);
    expectDutch(bad.body);
    expect((await anna.post(`/api/broadcasts/${id}/submit`)).status).toBe(200);
    expect((await anna.request('PATCH', `/api/broadcasts/${id}`, { area: 'West' })).status).toBe(409);
  });

  it('DELETE removes a draft of its author (204); 403 for another; 409 once submitted', async () => {
    const id = await createDraft();
    expect((await bram.request('DELETE', `/api/broadcasts/${id}`)).status).toBe(403);
    expect((await anna.request('DELETE', `/api/broadcasts/${id}`)).status).toBe(204);
    expect((await anna.get(`/api/broadcasts/${id}`)).status).toBe(404);
    const submitted = await createDraft();
    await anna.post(`/api/broadcasts/${submitted}/submit`);
    expect((await anna.request('DELETE', `/api/broadcasts/${submitted}`)).status).toBe(409);
  });

  it('reject sends a submission back with its reason: 403 for the author, 409 for a draft, 422 without a reason', async () => {
    const id = await createDraft();
    expect((await bram.post(`/api/broadcasts/${id}/reject`, { reason: 'te vroeg' })).status).toBe(409);
    await anna.post(`/api/broadcasts/${id}/submit`);
    expect((await anna.post(`/api/broadcasts/${id}/reject`, { reason: 'eigen' })).status).toBe(403);
    const empty = await bram.post(`/api/broadcasts/${id}/reject`, { reason: '  ' });
    expect(empty.status).toBe(422);
    expectDutch(empty.body);
    const back = await bram.post(`/api/broadcasts/${id}/reject`, {
      reason: 'Het adres van het noodsteunpunt klopt niet.',
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      status: 'draft',
      returned: { by: 'bram', reason: 'Het adres van het noodsteunpunt klopt niet.' },
    });
    expect((await bram.post(`/api/broadcasts/${id}/reject`, { reason: 'nog eens' })).status).toBe(409);
  });

  it('refuses a correction that changes nothing (422, Dutch), and names the change in every channel otherwise', async () => {
    const id = await createDraft();
    await anna.post(`/api/broadcasts/${id}/submit`);
    expect((await bram.post(`/api/broadcasts/${id}/approve`)).status).toBe(200);
    const same = await bram.post(`/api/broadcasts/${id}/correct`, { fields: { locatie: 'Gemeentehuis' } });
    expect(same.status).toBe(422);
    expect(same.body.error.message).toMatch(/niets veranderd/);
    expectDutch(same.body);
    const none = await bram.post(`/api/broadcasts/${id}/correct`, {});
    expect(none.status).toBe(422);
    const fixed = await bram.post(`/api/broadcasts/${id}/correct`, { fields: { locatie: 'Sporthal De Brug' } });
    expect(fixed.status).toBe(201);
    for (const text of [fixed.body.smsText, fixed.body.emailText, fixed.body.webBody]) {
      expect(text).toContain('Sporthal De Brug');
      expect(text).toContain('Gemeentehuis');
    }
    // A correction goes to everyone the original went to.
    expect((await bram.get(`/api/broadcasts/${fixed.body.id}`)).body.recipients).toEqual({
      total: 3,
      email: 2,
      sms: 1,
    });
    // Its fields can change with PATCH, but never back to the original's.
    expect(
      (await bram.request('PATCH', `/api/broadcasts/${fixed.body.id}`, { fields: { locatie: 'Gemeentehuis' } })).status,
    ).toBe(422);
    const again = await bram.request('PATCH', `/api/broadcasts/${fixed.body.id}`, {
      fields: { locatie: 'Wijkcentrum De Brug' },
    });
    expect(again.status).toBe(200);
    expect(again.body.smsText).toContain('Wijkcentrum De Brug');
    expect(again.body.smsText).not.toContain('Sporthal De Brug');
    expect(again.body).toMatchObject({ messageType: 'update', references: id });
  });
});

describe('not one English validation message', () => {
  const garbage: Record<string, unknown>[] = [
    { script: 12, channels: 'web', lists: 'x', training: 'ja', fields: [], severity: 'Hoog', area: 5 },
    {
      script: 'Bestaat Niet!',
      channels: ['fax'],
      lists: [''],
      fields: { organisatie: 7 },
      severity: null,
      area: 'x'.repeat(201),
      extra: true,
    },
    { channels: [], area: '   ' },
  ];

  it('answers every invalid create, edit, correction and reject with Dutch messages', async () => {
    const id = await createDraft();
    for (const body of garbage) {
      const created = await anna.post('/api/broadcasts', body);
      expect(created.status, JSON.stringify(body)).toBe(422);
      expectDutch(created.body);
      const patched = await anna.request('PATCH', `/api/broadcasts/${id}`, body);
      expect(patched.status, JSON.stringify(body)).toBe(422);
      expectDutch(patched.body);
      const corrected = await anna.post(`/api/broadcasts/${id}/correct`, body);
      expect(corrected.status).toBeGreaterThanOrEqual(400);
      expectDutch(corrected.body);
      const rejected = await bram.post(`/api/broadcasts/${id}/reject`, { reason: body.area });
      expect(rejected.status).toBeGreaterThanOrEqual(400);
      expectDutch(rejected.body);
    }
  });

  it('feeds a wrong value into every fill-in field of every script that uses it, over the API and the console form', async () => {
    const scripts = (await fileScriptSource(join(projectRoot, 'content')).list()).filter(
      (s) => s.status === 'vastgesteld',
    );
    const wrong: Record<string, string> = {
      organisatie: 'x'.repeat(PLACEHOLDER_MAX_LENGTH.organisatie + 1),
      gemeente: '',
      locatie: 'x'.repeat(41),
      tijd: 'later',
      datum: '31-02-2027',
      telefoon: 'bel ons',
      website: 'https://',
    };
    const seen = new Set<string>();
    for (const script of scripts) {
      const used = usedPlaceholders(alertTemplates(script)).filter((name) => !seen.has(name));
      if (used.length === 0) continue;
      for (const name of used) seen.add(name);
      const body = { ...draftBody, script: script.slug, fields: wrong };
      const api = await anna.post('/api/broadcasts', body);
      expect(api.status, script.slug).toBe(422);
      expectDutch(api.body);
      const problemFields = (api.body.error.fields as Array<{ field: string }>).map((p) => p.field);
      for (const name of usedPlaceholders(alertTemplates(script)))
        expect(problemFields, `${script.slug} ${name}`).toContain(`fields.${name}`);

      const form = new URLSearchParams({ actie: 'opslaan', severity: 'Kapot', area: 'x'.repeat(300) });
      for (const [name, value] of Object.entries(wrong)) form.append(`fields.${name}`, value);
      const page = await fetch(`${hub.url}/coordinator/nieuw/?script=${script.slug}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: anna.cookie },
        body: form,
      });
      expect(page.status, script.slug).toBe(422);
      const html = await page.text();
      const errors = [...html.matchAll(/class="utrecht-form-field-error-message"[^>]*>(.*?)<\/div>/g)].map((m) =>
        present(m[1], 'the text of an error message').replace(/<[^>]+>/g, ''),
      );
      expect(errors.length, script.slug).toBeGreaterThan(0);
      for (const message of errors) expect(message, script.slug).not.toMatch(ENGLISH);
    }
    // Every field a coordinator can be asked for was tried at least once.
    const asked = new Set(scripts.flatMap((script) => usedPlaceholders(alertTemplates(script))));
    expect([...seen].sort()).toEqual([...asked].sort());
    expect(seen).toContain('telefoon');
    expect(seen).toContain('website');
  });
});
