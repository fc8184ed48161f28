import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, addUserWithCli } from '../helpers/api-client.ts';
import { git } from '../helpers/content-repo.ts';
import { projectRoot } from '../helpers/hub-server.ts';
import { type HubWithContent, startHubWithContentRepo } from '../helpers/hub-with-content-repo.ts';
import { present } from '../helpers/present.ts';
import { waitFor } from '../helpers/wait-for.ts';

const PASSWORD = 'correct horse battery staple';
const SLUG = 'onderwijs-datalek';
const NEW_SENTENCE = 'Wij vertellen ouders binnen een dag wat er is gebeurd.';

let setup: HubWithContent;
const clients: Record<string, ApiClient> = {};
const client = (name: string) => present(clients[name], `the logged-in client of ${name}`);

beforeAll(async () => {
  setup = await startHubWithContentRepo();
  const accounts: Array<[string, string, string[]]> = [
    ['otto', 'editor', ['--sector', 'onderwijs-kinderopvang']],
    ['olga', 'editor', ['--sector', 'onderwijs-kinderopvang', '--sector', 'cultuur-sport']],
    ['zoe', 'editor', ['--sector', 'zorg-welzijn']],
    ['anna', 'coordinator', []],
  ];
  for (const [name, role, extra] of accounts) {
    addUserWithCli(setup.hub.dataDir, name, PASSWORD, role, extra);
    clients[name] = new ApiClient(setup.hub.url);
    expect(await client(name).login(name, PASSWORD)).toBe(200);
  }
});
afterAll(() => setup?.stop());

const lineFile = () => readFileSync(join(setup.contentDir, 'scripts', `${SLUG}.md`), 'utf8');

describe('roles', () => {
  it('keeps editors out of the coordinators’ part and coordinators out of the lines', async () => {
    const editorOnBroadcasts = await client('otto').get('/api/broadcasts');
    expect(editorOnBroadcasts.status).toBe(403);
    expect(editorOnBroadcasts.body.error.code).toBe('wrong-role');
    const coordinatorOnLines = await client('anna').post('/api/lines/proposals', { slug: SLUG, markdown: lineFile() });
    expect(coordinatorOnLines.status).toBe(403);
    expect((await client('anna').get('/api/broadcasts')).status).toBe(200);
  });

  it('refuses the CLI an editor without a sector, or with an unknown one', () => {
    expect(() => addUserWithCli(setup.hub.dataDir, 'nosector', PASSWORD, 'editor')).toThrow(/sector/);
    expect(() =>
      addUserWithCli(setup.hub.dataDir, 'badsector', PASSWORD, 'editor', ['--sector', 'ruimtevaart']),
    ).toThrow(/Onbekende sector: ruimtevaart/);
  });

  it('changes an editor’s sectors from the CLI, and only an editor’s', async () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(projectRoot, 'scripts/baken.ts'), ...args], {
        cwd: projectRoot,
        env: { ...process.env, BAKEN_DATA_DIR: setup.hub.dataDir },
        encoding: 'utf8',
        timeout: 30_000,
      });
    addUserWithCli(setup.hub.dataDir, 'ruud', PASSWORD, 'editor', ['--sector', 'zorg-welzijn']);
    const ruud = new ApiClient(setup.hub.url);
    expect(await ruud.login('ruud', PASSWORD)).toBe(200);
    const markdown = readFileSync(join(setup.contentDir, 'scripts', 'veiligheid-datalek.md'), 'utf8');
    expect((await ruud.post('/api/lines/proposals', { slug: 'veiligheid-datalek', markdown })).status).toBe(403);
    const changed = cli('user', 'sectors', 'ruud', '--sector', 'veiligheid');
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stdout).toContain('ruud tekent voortaan voor: veiligheid.');
    const proposed = await ruud.post('/api/lines/proposals', { slug: 'veiligheid-datalek', markdown });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(cli('user', 'sectors', 'anna', '--sector', 'veiligheid').stderr).toContain('anna is geen redacteur');
  });
});

describe('POST /api/lines/proposals', () => {
  it('answers 422 with the lint’s Dutch messages per field, and with Dutch input errors', async () => {
    const broken = lineFile()
      .replace(/max_segments: \d+/, 'max_segments: 1')
      .replace('## Kernboodschap', '## Kern');
    const response = await client('otto').post('/api/lines/proposals', { slug: SLUG, markdown: broken });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('lint-failed');
    const fields = response.body.error.fields as Array<{ field: string; message: string }>;
    expect(fields.find((f) => f.field === 'sms.text')?.message).toMatch(/^de sms wordt \d delen/);
    expect(fields.find((f) => f.field === '## Kernboodschap')?.message).toMatch(
      /ontbreekt; dit onderdeel is verplicht/,
    );

    for (const slug of ['../../etc/passwd', 'scripts/x', 'A', '']) {
      const bad = await client('otto').post('/api/lines/proposals', { slug, markdown: lineFile() });
      expect(bad.status, slug).toBe(422);
      expect(bad.body.error.message).not.toMatch(/Invalid|expected|string/);
    }
    const huge = await client('otto').post('/api/lines/proposals', { slug: SLUG, markdown: 'x'.repeat(70_000) });
    expect(huge.status).toBe(422);
    expect(huge.body.error.message).toMatch(/Tekst van de lijn: Maximaal 64000 tekens/);
  });

  it('refuses a proposal from another site', async () => {
    const response = await client('otto').request(
      'POST',
      '/api/lines/proposals',
      { slug: SLUG, markdown: lineFile() },
      { Origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
  });
});

describe('agreeing a line over HTTP', () => {
  it('publishes on the onderwijs partner’s sign-off, commits it, and rebuilds the site without a failed request', async () => {
    const markdown = lineFile().replace('## Kernboodschap\n\n', `## Kernboodschap\n\n${NEW_SENTENCE} `);
    const created = await client('otto').post('/api/lines/proposals', { slug: SLUG, markdown });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id } = created.body as { id: number };
    expect(Object.keys(created.body)).toEqual(['id']);

    const view = await client('olga').get(`/api/lines/proposals/${id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      slug: SLUG,
      status: 'open',
      stillNeeded: ['onderwijs-kinderopvang'],
      proposedBy: 'otto',
    });

    expect((await client('zoe').get(`/api/lines/proposals/${id}`)).status).toBe(404);
    expect((await client('zoe').post(`/api/lines/proposals/${id}/sign-off`)).status).toBe(404);
    const own = await client('otto').post(`/api/lines/proposals/${id}/sign-off`);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/zelf voorgesteld/);

    // Requests keep going to the site while it is rebuilt: none may fail or see a half tree.
    const page = `/lijnen/${SLUG}/`;
    const failures: string[] = [];
    let polling = true;
    const poller = (async () => {
      let polls = 0;
      while (polling) {
        for (const path of ['/', page, '/sw.js', '/data/scripts.json']) {
          const response = await fetch(`${setup.hub.url}${path}`);
          const body = await response.text();
          if (response.status !== 200 || body.length === 0) failures.push(`${path}: ${response.status}`);
        }
        polls += 1;
      }
      return polls;
    })();

    const signed = await client('olga').post(`/api/lines/proposals/${id}/sign-off`);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({
      signed: ['onderwijs-kinderopvang'],
      stillNeeded: [],
      published: { version: '1.1' },
    });
    expect(lineFile()).toContain(NEW_SENTENCE);
    expect(lineFile()).toContain('version: "1.1"');
    const log = git(setup.contentDir, 'log', '-1', '--format=%B');
    expect(log).toContain('Getekend-door: olga (onderwijs-kinderopvang)');
    expect(log).toContain('Voorgesteld-door: otto');

    const html = await waitFor(
      'the rebuilt line page',
      async () => {
        const html = await (await fetch(`${setup.hub.url}${page}`)).text();
        return html.includes(NEW_SENTENCE) ? html : undefined;
      },
      180_000,
      500,
    );
    polling = false;
    const polls = await poller;
    expect(polls).toBeGreaterThan(0);
    expect(failures).toEqual([]);

    // The page lists both versions, newest first, with what changed in the Kernboodschap.
    const versions = html.slice(html.indexOf('id="versies"'));
    expect(versions).toMatch(
      /Versie 1\.1<\/strong>, vastgesteld op <time datetime="\d{4}-\d{2}-\d{2}"[^>]*>[^<]+<\/time> door Onderwijs en kinderopvang/,
    );
    expect(versions.indexOf('Versie 1.1')).toBeLessThan(versions.indexOf('Versie 1.0'));
    expect(versions).toMatch(/<h3[^>]*>Kernboodschap/);
    expect(versions).toMatch(new RegExp(`<ins[^>]*><span[^>]*>Toegevoegd: </span>${NEW_SENTENCE}`));
    const data = (await (await fetch(`${setup.hub.url}/data/scripts.json`)).json()) as {
      scripts: Array<{ slug: string; version: string; history: string }>;
    };
    const entry = present(
      data.scripts.find((s) => s.slug === SLUG),
      `${SLUG} in /data/scripts.json`,
    );
    expect(entry.version).toBe('1.1');
    expect(new URL(entry.history).pathname + new URL(entry.history).hash).toBe(`/lijnen/${SLUG}/#versies`);

    const after = await client('olga').get(`/api/lines/proposals/${id}`);
    expect(after.body).toMatchObject({ status: 'published', publishedVersion: '1.1', stillNeeded: [] });
  }, 240_000);
});
