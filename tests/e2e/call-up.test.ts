// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileScriptSource } from '../../src/server/broadcast/file-script-source.ts';
import { systemClock } from '../../src/server/clock.ts';
import { createServices } from '../../src/server/services.ts';
import { addUserWithCli } from '../helpers/api-client.ts';
import { runAxe } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { loginInBrowser } from '../helpers/console-session.ts';
import { projectRoot, type RunningHub, startHub } from '../helpers/hub-server.ts';

const PASSWORD = 'correct horse battery staple';
const ENOUGH = 'We hebben al genoeg mensen. U staat op de reservelijst.';

let hub: RunningHub;
let browser: Browser;
let anna: Page;
let bram: Page;

/** Imports a pool of reservists reached by SMS through the CLI, as an administrator does. */
function importPool(name: string, first: number, count: number): void {
  const csv = join(mkdtempSync(join(tmpdir(), 'baken-pool-')), 'pool.csv');
  const rows = Array.from(
    { length: count },
    (_, i) => `${name} ${i + 1};;06${String(30_000_000 + first + i)};sms;zorg`,
  );
  writeFileSync(csv, `naam;e-mail;telefoon;kanaal;vaardigheid\n${rows.join('\n')}\n`);
  const imported = spawnSync(
    process.execPath,
    [join(projectRoot, 'scripts/baken.ts'), 'lists', 'import', csv, '--list', name],
    {
      cwd: projectRoot,
      env: { ...process.env, BAKEN_DATA_DIR: hub.dataDir },
      encoding: 'utf8',
    },
  );
  expect(imported.status, imported.stderr).toBe(0);
}

/** The SMS texts the exercise spool holds for a number. */
function spooledTo(phone: string): string[] {
  const dir = join(hub.dataDir, 'spool', 'sms');
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .filter((content) => content.startsWith(`To: ${phone}\n`))
    .map((content) => content.split('\n\n').slice(1).join('\n\n'));
}

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API sends.
async function api(page: Page, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ([p, b]) => {
      const response = await fetch(p as string, {
        method: b === undefined ? 'GET' : 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: response.status, body: await response.json() };
    },
    [path, body] as const,
  );
}

beforeAll(async () => {
  hub = await startHub();
  addUserWithCli(hub.dataDir, 'anna', PASSWORD);
  addUserWithCli(hub.dataDir, 'bram', PASSWORD);
  importPool('Reservisten zorg', 1, 20);
  importPool('Reservisten welzijn', 101, 10);
  browser = await launchChromium();
  [anna, bram] = await Promise.all([(await browser.newContext()).newPage(), (await browser.newContext()).newPage()]);
  await Promise.all([loginInBrowser(anna, hub.url, 'anna', PASSWORD), loginInBrowser(bram, hub.url, 'bram', PASSWORD)]);
  // An exercise: both in oefenmodus, replies only from the simulator.
  for (const page of [anna, bram])
    expect((await api(page, '/api/session/training', { training: true })).status).toBe(200);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('a call-up for 30 reservists in two pools, needing 5', () => {
  let id: string;
  const people = new Map<string, string>();

  /** Posts a simulated SMS reply from the named person, as the console's simulator does. */
  async function reply(name: string, text: string): Promise<void> {
    const subscriber = people.get(name);
    const result = await api(anna, `/api/broadcasts/${id}/simulate-reply`, { subscriber: Number(subscriber), text });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
  }

  async function readPeople(): Promise<void> {
    for (const row of await bram.locator('tr[data-person]').all())
      people.set((await row.locator('th').innerText()).trim(), (await row.getAttribute('data-person')) ?? '');
  }

  it('is written by one coordinator and approved by the other', async () => {
    const created = await api(anna, '/api/broadcasts', {
      script: 'zorg-oproep-reservisten-stroomuitval',
      channels: ['sms'],
      fields: {
        organisatie: 'Zorggroep De Linde',
        datum: '05-03-2027',
        tijd: '14:00',
        locatie: 'Woonzorgcentrum De Linde',
      },
      needed: 5,
      pools: ['Reservisten zorg', 'Reservisten welzijn'],
      escalate_after_minutes: 0.25,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
    expect((await api(anna, `/api/broadcasts/${id}/submit`, {})).status).toBe(200);
    expect((await api(anna, `/api/broadcasts/${id}/approve`, {})).status).toBe(403);
    await bram.goto(`${hub.url}/coordinator/berichten/${id}/goedkeuren/`);
    await bram.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    await bram.getByText('Goedgekeurd en verstuurd.').waitFor();
    await bram.getByRole('heading', { name: 'Antwoorden op de oproep' }).waitFor();
    expect(await bram.locator('[data-tally="none"]').innerText()).toBe('20');
    await readPeople();
    expect(people.size).toBe(20);
    const view = await api(bram, `/api/broadcasts/${id}`);
    expect(view.body).toMatchObject({
      needed: 5,
      pools: ['Reservisten zorg', 'Reservisten welzijn'],
      escalate_after_minutes: 0.25,
    });
    expect(view.body.replies).toEqual({ JA: 0, NEE: 0, unclear: 0, none: 20 });
    const violations = await runAxe(bram, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
    expect(violations.map((v) => v.id)).toEqual([]);
  });

  it('shows simulated replies in the tally live, without reloading', async () => {
    await reply('Reservisten zorg 1', 'Ja!');
    await reply('Reservisten zorg 2', 'JA hoor');
    await reply('Reservisten zorg 3', 'Nee, sorry');
    await reply('Reservisten zorg 4', 'misschien later');
    const url = bram.url();
    // A refresh already under way may show the first replies only; the next one shows them all.
    for (const [key, count] of [
      ['JA', /^2$/],
      ['NEE', /^1$/],
      ['unclear', /^1$/],
      ['none', /^16$/],
    ] as const)
      await bram.locator(`[data-tally="${key}"]`, { hasText: count }).waitFor({ timeout: 15_000 });
    expect(bram.url()).toBe(url);
    expect(await bram.locator('tr[data-answer="unclear"]').innerText()).toContain('misschien later');
  });

  it('asks the second pool after the set time because too few said yes', async () => {
    await bram.locator('[data-escalation]', { hasText: 'pool 2 van 2' }).waitFor({ timeout: 40_000 });
    expect(await bram.locator('[data-tally="none"]').innerText()).toBe('26');
    await readPeople();
    expect(people.size).toBe(30);
    // The second pool got the call-up itself, in the exercise spool.
    const welzijn = '+31630000101';
    await expect.poll(() => spooledTo(welzijn).length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(spooledTo(welzijn)[0]).toContain('OEFENING: Zorggroep De Linde: kunt u op 05-03-2027 vanaf 14:00');
  });

  it('reaches "enough" with five yeses and answers a later yes with the enough reply', async () => {
    await reply('Reservisten welzijn 1', 'ja');
    await reply('Reservisten welzijn 2', 'j');
    await reply('Reservisten zorg 5', 'Ja');
    await bram.locator('[data-escalation="enough"]').waitFor({ timeout: 15_000 });
    await reply('Reservisten welzijn 3', 'JA!');
    const late = '+31630000103';
    await expect.poll(() => spooledTo(late).some((text) => text.includes(ENOUGH)), { timeout: 15_000 }).toBe(true);
    await bram.locator('[data-tally="JA"]', { hasText: /^6$/ }).waitFor({ timeout: 15_000 });
    const rows = await bram.locator('tr[data-answer="JA"]').allInnerTexts();
    expect(rows.filter((row) => row.includes('gekozen'))).toHaveLength(5);
    expect(rows.find((row) => row.includes('Reservisten welzijn 3'))).toContain('reserve');
  });

  it('gives each person a reply page that reads well at 320 px and passes axe', async () => {
    const services = await createServices({
      database: { sqlite: join(hub.dataDir, 'baken.sqlite') },
      keyDir: hub.dataDir,
      clock: systemClock,
      scripts: fileScriptSource(join(projectRoot, 'content')),
    });
    try {
      const subscriber = await services.subscribers.byAddress('sms', '+31630000010');
      if (!subscriber) throw new Error('no subscriber');
      const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
      await page.goto(
        `${hub.url}/antwoord/${id}/?token=${encodeURIComponent(services.personalTokens.sign(subscriber.token))}`,
      );
      await page.getByRole('button', { name: 'Ja, ik kan komen' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      const violations = await runAxe(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
      expect(violations.map((v) => v.id)).toEqual([]);
      await page.close();
    } finally {
      await services.close();
    }
  });

  it('confirms the chosen people with one message', async () => {
    await bram.getByRole('button', { name: /Gekozen mensen bevestigen \(5\)/ }).click();
    await bram.getByText('Bevestiging verstuurd aan 5 mensen.').waitFor();
    const chosen = '+31630000001';
    await expect
      .poll(
        () =>
          spooledTo(chosen).some((text) => text.startsWith('OEFENING: We rekenen op u: kom op 05-03-2027 om 14:00')),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    expect(spooledTo('+31630000103').some((text) => text.includes('We rekenen op u'))).toBe(false);
  });

  it('can be written in the console form too, with the pools in order and a Dutch message for what is missing', async () => {
    await anna.goto(`${hub.url}/coordinator/nieuw/?script=zorg-oproep-reservisten-stroomuitval`);
    await anna.locator('#veld-organisatie').fill('Zorggroep De Linde');
    await anna.locator('#veld-datum').fill('05-03-2027');
    await anna.locator('#veld-tijd').fill('14:00');
    await anna.locator('#veld-locatie').fill('Woonzorgcentrum De Linde');
    await anna.locator('#pool-1').selectOption('Reservisten welzijn');
    await anna.locator('#pool-2').selectOption('Reservisten zorg');
    await anna.getByRole('button', { name: 'Opslaan als concept' }).click();
    await anna.getByRole('heading', { name: /Controleer dit veld/ }).waitFor();
    expect(await anna.locator('.error-summary').innerText()).toContain(
      'Aantal mensen nodig: Zeg hoeveel mensen u nodig hebt',
    );
    expect(await anna.locator('#pool-1').inputValue()).toBe('Reservisten welzijn');
    await anna.locator('#needed').fill('3');
    await anna.locator('#escalate_after_minutes').fill('10');
    await anna.getByRole('button', { name: 'Opslaan als concept' }).click();
    await anna.waitForURL(/\/coordinator\/berichten\/[^/]+\/$/);
    const draft = /berichten\/([^/]+)\//.exec(anna.url())?.[1] ?? '';
    const view = await api(anna, `/api/broadcasts/${draft}`);
    expect(view.body).toMatchObject({
      needed: 3,
      pools: ['Reservisten welzijn', 'Reservisten zorg'],
      escalate_after_minutes: 10,
    });

    // Changing the draft shows the same fields, filled in; an emptied need is refused at its field.
    await anna.goto(`${hub.url}/coordinator/berichten/${draft}/bewerken/`);
    expect(await anna.locator('#needed').inputValue()).toBe('3');
    expect(await anna.locator('#pool-2').inputValue()).toBe('Reservisten zorg');
    await anna.locator('#needed').fill('');
    await anna.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await anna.getByRole('heading', { name: /Controleer dit veld/ }).waitFor();
    expect(await anna.locator('.error-summary').innerText()).toContain('Zeg hoeveel mensen u nodig hebt');
    expect(await runAxe(anna, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])).toEqual([]);
    await anna.locator('#needed').fill('4');
    await anna.locator('#pool-1').selectOption('Reservisten zorg');
    await anna.locator('#pool-2').selectOption('Reservisten welzijn');
    await anna.locator('#escalate_after_minutes').fill('');
    await anna.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await anna.waitForURL(/\/coordinator\/berichten\/[^/]+\/$/);
    expect((await api(anna, `/api/broadcasts/${draft}`)).body).toMatchObject({
      lists: ['Reservisten zorg'],
      needed: 4,
      pools: ['Reservisten zorg', 'Reservisten welzijn'],
      escalate_after_minutes: null,
    });
  });
});
