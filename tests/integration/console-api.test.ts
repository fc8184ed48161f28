import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, totpCodeFor } from '../helpers/api-client.ts';
import { runBakenCli } from '../helpers/baken-cli.ts';
import {
  COORDINATOR_PASSWORD as PASSWORD,
  publishThroughApi,
  startHubWithCoordinators,
} from '../helpers/coordinators.ts';
import { projectRoot, type RunningHub } from '../helpers/hub-server.ts';
import { present } from '../helpers/present.ts';

const XSS = '<script>alert(1)</script>';
const fields = { organisatie: XSS, gemeente: '<img src=x onerror=1>', locatie: `"'><svg onload=1>`, tijd: '<b>' };

let hub: RunningHub;
let anna: ApiClient;
let bram: ApiClient;

beforeAll(async () => {
  ({ hub, anna, bram } = await startHubWithCoordinators());
});
afterAll(() => hub?.stop());

async function publish(extra: Record<string, unknown> = {}): Promise<string> {
  const { id, created } = await publishThroughApi(
    { anna, bram },
    { script: 'zorg-stroomuitval', channels: ['web'], lists: [], training: false, fields, area: XSS, ...extra },
  );
  expect(created).toMatchObject({ status: 'draft', createdBy: 'anna' });
  return id;
}

describe('the coordinator API over HTTP', () => {
  it('sets a __Host- session cookie that is Secure, HttpOnly and SameSite=Strict, with a 128-bit id', async () => {
    const client = new ApiClient(hub.url);
    const response = await client.request('POST', '/api/session', {
      username: 'anna',
      password: PASSWORD,
      code: await totpCodeFor('anna'),
    });
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^__Host-baken-sessie=[A-Za-z0-9_-]{22}; Path=\//);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('runs draft → submitted → 403 on self-approval → approved by another → published', async () => {
    const created = await anna.post('/api/broadcasts', {
      script: 'zorg-stroomuitval',
      channels: ['web'],
      lists: [],
      training: false,
      fields: { organisatie: 'Zorggroep X', gemeente: 'Voorbeeldstad', locatie: 'De Brug', tijd: '14:00' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await bram.post(`/api/broadcasts/${id}/submit`)).status).toBe(403);
    expect((await anna.post(`/api/broadcasts/${id}/submit`)).body.status).toBe('submitted');
    const self = await anna.post(`/api/broadcasts/${id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('self-approval');
    const approved = await bram.post(`/api/broadcasts/${id}/approve`);
    expect(approved.body).toMatchObject({ status: 'published', createdBy: 'anna', approvedBy: 'bram' });
    expect((await anna.get(`/api/broadcasts/${id}`)).body).toMatchObject({ status: 'published', delivery: {} });
  });

  it('shows a published update on /actueel/, in Atom, JSON Feed and CAP 1.2 that validates against the OASIS schema', async () => {
    const id = await publish();
    const page = await fetch(`${hub.url}/actueel/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain(`bericht-${id}`);
    const atom = await (await fetch(`${hub.url}/feeds/actueel.atom`)).text();
    expect(atom).toContain(`urn:baken:bericht:${id}`);
    const feed = (await (await fetch(`${hub.url}/feeds/actueel.json`)).json()) as { items: Array<{ id: string }> };
    expect(feed.items.map((i) => i.id)).toContain(`urn:baken:bericht:${id}`);
    const cap = await fetch(`${hub.url}/feeds/cap/${id}.xml`);
    expect(cap.headers.get('content-type')).toBe('application/cap+xml; charset=utf-8');
    const file = join(mkdtempSync(join(tmpdir(), 'baken-cap-')), 'alert.xml');
    writeFileSync(file, await cap.text());
    const xsd = join(projectRoot, 'tests/fixtures/standards/CAP-v1.2.xsd');
    expect(() => execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' })).not.toThrow();

    const correction = await bram.post(`/api/broadcasts/${id}/correct`, { fields: { locatie: 'Sporthal De Brug' } });
    expect(correction.status).toBe(201);
    await bram.post(`/api/broadcasts/${correction.body.id}/submit`);
    expect((await anna.post(`/api/broadcasts/${correction.body.id}/approve`)).status).toBe(200);
    const update = await (await fetch(`${hub.url}/feeds/cap/${correction.body.id}.xml`)).text();
    expect(update).toContain('<msgType>Update</msgType>');
    expect(update).toContain(`baken-${id}`);
    writeFileSync(file, update);
    expect(() => execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' })).not.toThrow();
  });

  it('escapes script injected in every field on pages and in feeds', async () => {
    const id = await publish();
    const outputs = {
      actueel: await (await fetch(`${hub.url}/actueel/`)).text(),
      console: (await anna.request('GET', `/coordinator/berichten/${id}/`, undefined, { Accept: 'text/html' }))
        .body as string,
      atom: await (await fetch(`${hub.url}/feeds/actueel.atom`)).text(),
      cap: await (await fetch(`${hub.url}/feeds/cap/${id}.xml`)).text(),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toContain('<script>alert(1)</script>');
      expect(text, name).not.toContain('<img src=x');
      expect(text, name).not.toContain('<svg onload');
      expect(text, name).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    }
    const json = (await (await fetch(`${hub.url}/feeds/actueel.json`)).json()) as {
      items: Array<{ id: string; content_text: string }>;
    };
    // JSON carries the text as data; it must come back exactly as typed, never as markup.
    expect(json.items.find((i) => i.id === `urn:baken:bericht:${id}`)?.content_text).toContain(
      `De zorg van ${XSS} gaat door.`,
    );
  });

  it('refuses a cross-origin POST, a forged session and an expired session', async () => {
    const crossOrigin = await anna.request(
      'POST',
      '/api/broadcasts',
      { script: 'zorg-stroomuitval', channels: ['web'] },
      { Origin: 'https://evil.example' },
    );
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.body.error.code).toBe('cross-origin');

    const forged = new ApiClient(hub.url);
    forged.cookie = '__Host-baken-sessie=AAAAAAAAAAAAAAAAAAAAAA';
    expect((await forged.get('/api/broadcasts')).status).toBe(401);

    const stale = new ApiClient(hub.url);
    expect(await stale.login('bram', PASSWORD)).toBe(200);
    expect((await stale.get('/api/broadcasts')).status).toBe(200);
    // Make every session 31 minutes idle, straight in the database.
    const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
    db.prepare('UPDATE sessions SET last_seen_at = last_seen_at - ?').run(31 * 60 * 1000);
    db.close();
    expect((await stale.get('/api/broadcasts')).status).toBe(401);
    expect(await anna.login('anna', PASSWORD)).toBe(200);
    expect(await bram.login('bram', PASSWORD)).toBe(200);
  });

  it('keeps exercises off the public pages and feeds, and shows them under /oefening/', async () => {
    // Exercises are approved in oefenmodus only.
    for (const client of [anna, bram])
      expect((await client.post('/api/session/training', { training: true })).status).toBe(200);
    const id = await publish({ training: true });
    for (const client of [anna, bram])
      expect((await client.post('/api/session/training', { training: false })).status).toBe(200);
    expect(await (await fetch(`${hub.url}/actueel/`)).text()).not.toContain(`bericht-${id}`);
    expect(await (await fetch(`${hub.url}/feeds/actueel.atom`)).text()).not.toContain(id);
    expect((await fetch(`${hub.url}/feeds/cap/${id}.xml`)).status).toBe(404);
    const exercise = await (await fetch(`${hub.url}/oefening/`)).text();
    expect(exercise).toContain(`bericht-${id}`);
    expect(exercise).toContain('OEFENING');
  });

  it('lists the active updates for the home page', async () => {
    const id = await publish();
    const { updates } = (await (await fetch(`${hub.url}/api/public/updates.json`)).json()) as {
      updates: Array<{ id: string; title: string }>;
    };
    expect(updates.map((u) => u.id)).toContain(id);
    for (const u of updates) expect(u.title.startsWith('OEFENING')).toBe(false);
  });

  it('imports a CSV from the CLI: reports each bad row with its line, imports the rest, and sends email with injected text inert', async () => {
    const importFixture = () =>
      runBakenCli(hub.dataDir, [
        'lists',
        'import',
        join(projectRoot, 'tests/fixtures/subscribers-with-errors.csv'),
        '--list',
        'Schoolleiders',
      ]);
    const result = importFixture();
    expect(result.status).toBe(1);
    expect(result.stderr.match(/^regel \d+: /gm)).toHaveLength(7);
    expect(result.stderr).toContain('regel 4: telefoonnummer "12345" klopt niet');
    expect(result.stdout).toContain('4 rijen goed (4 nieuw');
    const again = importFixture();
    expect(again.stdout).toContain('4 rijen goed (0 nieuw, 4 al bekend)');

    const id = await publish({ channels: ['email'], lists: ['Schoolleiders'] });
    let emails: string[] = [];
    for (let i = 0; i < 40 && emails.length < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      try {
        emails = readdirSync(join(hub.dataDir, 'spool', 'email'))
          .filter((name) => name.includes(id))
          .map((name) => readFileSync(join(hub.dataDir, 'spool', 'email', name), 'utf8'));
      } catch {
        emails = [];
      }
    }
    expect(emails).toHaveLength(3);
    for (const eml of emails) {
      expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      const mail = await simpleParser(eml);
      expect(mail.text).toContain(XSS);
      expect(mail.html).toBeTruthy();
      // In the HTML part, what a coordinator typed is text, never markup.
      expect(mail.html).not.toContain(XSS);
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(mail.html).not.toMatch(/<img|<svg/i);
    }
  });

  it('checks the audit chain from the CLI and finds an edited row', () => {
    const run = () => {
      const result = runBakenCli(hub.dataDir, ['audit', 'verify']);
      return { status: result.status, out: result.status === 0 ? result.stdout : result.stderr };
    };
    expect(run()).toMatchObject({ status: 0, out: expect.stringContaining('in orde') });
    const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET details = \'{"role":"admin"}\' WHERE seq = 2').run();
    db.close();
    expect(run()).toMatchObject({ status: 1, out: expect.stringContaining('regel 2') });
  });
});

describe('the audit anchor in the console', () => {
  it('shows the head the anchor outside the database recorded last', async () => {
    const page = await anna.request('GET', '/coordinator/', undefined, { Accept: 'text/html' });
    const shown = present(
      /regel (\d+), controlegetal <code class="audit-hash">([0-9a-f]{16})<\/code>/.exec(String(page.body)),
      'the anchor line on the console page',
    );
    const anchor = readFileSync(join(hub.dataDir, 'audit-anchor.log'), 'utf8').trim().split('\n');
    expect(anchor).toContainEqual(expect.stringMatching(new RegExp(`^${shown[1]} ${shown[2]}`)));
  });
});
