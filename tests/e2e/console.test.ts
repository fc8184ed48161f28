// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from '../helpers/axe.ts';
import { importListWithCli } from '../helpers/baken-cli.ts';
import { launchChromium } from '../helpers/browser.ts';
import { loginInBrowser } from '../helpers/console-session.ts';
import { addCoordinators, COORDINATOR_PASSWORD as PASSWORD } from '../helpers/coordinators.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { captured } from '../helpers/present.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

let sink: SmtpSink;
let hub: RunningHub;
let browser: Browser;
let contextA: BrowserContext;
let contextB: BrowserContext;
let anna: Page;
let bram: Page;

function spoolFiles(kind: 'email' | 'sms'): string[] {
  try {
    return readdirSync(join(hub.dataDir, 'spool', kind)).map((name) =>
      readFileSync(join(hub.dataDir, 'spool', kind, name), 'utf8'),
    );
  } catch {
    return [];
  }
}

function login(page: Page, username: string): Promise<void> {
  return loginInBrowser(page, hub.url, username, PASSWORD);
}

/** Axe with the tags this test holds the console to, one line per violation. */
async function axeViolations(page: Page): Promise<string[]> {
  const violations = await runAxe(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  return violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function deliveryDone(
  page: Page,
  id: string,
): Promise<{ remaining: number; channels: Record<string, Record<string, number>> }> {
  let summary = { remaining: 1, channels: {} };
  for (let i = 0; i < 80 && summary.remaining > 0; i += 1) {
    summary = await page.evaluate(
      async (bid) =>
        (await (await fetch(`/api/broadcasts/${bid}`, { headers: { Accept: 'application/json' } })).json()).summary,
      id,
    );
    if (summary.remaining > 0) await page.waitForTimeout(250);
  }
  return summary;
}

/** Composes a broadcast from the stroomuitval script through the form and saves it as a draft. */
async function composeDraft(page: Page): Promise<string> {
  await page.goto(`${hub.url}/coordinator/nieuw/`);
  await page.locator('a[href="/coordinator/nieuw/?script=zorg-stroomuitval"]').click();
  await page.locator('#veld-organisatie').fill('Zorggroep De Linde');
  await page.locator('#veld-gemeente').fill('Voorbeeldstad');
  await page.locator('#veld-locatie').fill('Wijkcentrum De Brug');
  await page.getByLabel(/^Schoolleiders/).check();
  await page.getByLabel(/^Gebied/).fill('Gemeente Voorbeeldstad');
  await page.getByRole('button', { name: 'Voorbeeld bijwerken' }).click();
  await page.getByRole('heading', { name: 'Voorbeeld per kanaal' }).waitFor();
  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await page.waitForURL(/\/coordinator\/berichten\/[^/]+\/$/);
  return captured(/berichten\/([^/]+)\//, page.url());
}

beforeAll(async () => {
  sink = await startSmtpSink();
  hub = await startHub({ env: { BAKEN_SMTP_URL: sink.url } });
  addCoordinators(hub);
  importListWithCli(hub.dataDir, 'Schoolleiders');
  browser = await launchChromium();
  [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
  [anna, bram] = await Promise.all([contextA.newPage(), contextB.newPage()]);
  await Promise.all([login(anna, 'anna'), login(bram, 'bram')]);
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await sink?.stop();
});

describe('two coordinators in two browsers', () => {
  let firstId: string;

  it('A composes from a script and submits; A cannot approve (403); B approves; the update is public within 5 s', async () => {
    expect(await axeViolations(anna)).toEqual([]);
    firstId = await composeDraft(anna);
    await anna.getByRole('button', { name: 'Aanbieden ter goedkeuring' }).click();
    await anna.getByText('Een andere coördinator moet het goedkeuren').first().waitFor();
    expect(await axeViolations(anna)).toEqual([]);
    const self = await anna.evaluate(
      async (id) =>
        (await fetch(`/api/broadcasts/${id}/approve`, { method: 'POST', headers: { Accept: 'application/json' } }))
          .status,
      firstId,
    );
    expect(self).toBe(403);

    await bram.goto(`${hub.url}/coordinator/berichten/${firstId}/goedkeuren/`);
    await bram.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    await bram.getByText('Goedgekeurd en verstuurd.').waitFor();
    const meta = await bram.locator('.meta').innerText();
    expect(meta).toContain('anna');
    expect(meta).toContain('bram');

    const publicPage = await browser.newPage();
    const started = Date.now();
    let shown = false;
    while (!shown && Date.now() - started < 5000) {
      await publicPage.goto(`${hub.url}/actueel/`);
      shown = (await publicPage.locator(`#bericht-${firstId}`).count()) === 1;
    }
    expect(shown).toBe(true);
    expect(await publicPage.locator(`#bericht-${firstId}`).innerText()).toContain('Voorbeeldstad');
    await publicPage.goto(`${hub.url}/`);
    await publicPage.locator('[data-active-updates] a').first().waitFor({ timeout: 5000 });
    expect(await publicPage.locator('[data-active-updates]').innerText()).toContain('Voorbeeldstad');
    for (const feed of ['/feeds/actueel.atom', '/feeds/actueel.json', `/feeds/cap/${firstId}.xml`]) {
      const response = await fetch(`${hub.url}${feed}`);
      expect(response.status, feed).toBe(200);
      expect(await response.text(), feed).toContain(firstId);
    }
    await publicPage.close();
  });

  it('delivers to every recipient, and a correction reaches the same recipients on the same channels', async () => {
    const first = await deliveryDone(bram, firstId);
    expect(first).toMatchObject({ remaining: 0, channels: { email: { sent: 2 }, sms: { sent: 1 } } });
    const originalMail = sink.messages.flatMap((m) => m.recipients).sort();
    expect(originalMail).toEqual(['a@school.example', 'b@school.example']);
    expect(spoolFiles('sms')).toHaveLength(1);

    await bram.goto(`${hub.url}/coordinator/berichten/${firstId}/corrigeren/`);
    await bram.locator('#veld-locatie').fill('Sporthal De Brug');
    await bram.getByRole('button', { name: 'Correctie klaarzetten' }).click();
    await bram.waitForURL((url) => !url.pathname.includes(firstId));
    const correctionId = captured(/berichten\/([^/]+)\//, bram.url());
    await bram.getByRole('button', { name: 'Aanbieden ter goedkeuring' }).click();
    await bram.getByText('Aangeboden ter goedkeuring').waitFor();
    await anna.goto(`${hub.url}/coordinator/berichten/${correctionId}/goedkeuren/`);
    await anna.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    await anna.getByText('Goedgekeurd en verstuurd.').waitFor();
    expect(await deliveryDone(anna, correctionId)).toMatchObject({
      remaining: 0,
      channels: { email: { sent: 2 }, sms: { sent: 1 } },
    });
    const correctionMail = sink.messages
      .filter((m) => m.raw.toString().includes('Subject: Correctie'))
      .flatMap((m) => m.recipients)
      .sort();
    expect(correctionMail).toEqual(originalMail);
    const sms = spoolFiles('sms');
    expect(sms).toHaveLength(2);
    expect(sms.map((s) => /To: (\S+)/.exec(s)?.[1])).toEqual(['+31612345003', '+31612345003']);
  });

  it('in training mode shows the banner on every console page and sends nothing to a live transport', async () => {
    const liveBefore = sink.messages.length;
    await anna.goto(`${hub.url}/coordinator/`);
    await anna.getByRole('button', { name: 'Oefenmodus aanzetten' }).click();
    await anna.getByText('Oefenmodus staat aan.').waitFor();
    for (const path of ['/coordinator/', '/coordinator/nieuw/', `/coordinator/berichten/${firstId}/`]) {
      await anna.goto(`${hub.url}${path}`);
      expect(await anna.locator('.training-banner').innerText(), path).toContain('OEFENMODUS');
      expect(await anna.locator('body').getAttribute('class'), path).toContain('console-training');
    }
    expect(await axeViolations(anna)).toEqual([]);
    const id = await composeDraft(anna);
    expect(await anna.locator('h1').innerText()).toMatch(/^OEFENING/);
    await anna.getByRole('button', { name: 'Aanbieden ter goedkeuring' }).click();
    await anna.getByText('Een andere coördinator moet het goedkeuren').first().waitFor();
    await bram.goto(`${hub.url}/coordinator/berichten/${id}/goedkeuren/`);
    expect(await bram.locator('.training-banner').count()).toBe(1);
    // Bram is not in oefenmodus: approving the exercise by accident is refused, with the reason.
    await bram.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    await bram.getByText('Een oefening keurt u alleen goed in oefenmodus.').waitFor();
    await bram.getByRole('button', { name: 'Oefenmodus aanzetten' }).click();
    await bram.getByText('Oefenmodus staat aan.').waitFor();
    await bram.goto(`${hub.url}/coordinator/berichten/${id}/goedkeuren/`);
    await bram.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    await bram.getByText('Goedgekeurd en verstuurd.').waitFor();
    expect(await deliveryDone(bram, id)).toMatchObject({ remaining: 0 });
    expect(sink.messages.length).toBe(liveBefore);
    const exercises = spoolFiles('email').filter((eml) => eml.includes('OEFENING'));
    expect(exercises.length).toBe(2);
    for (const eml of exercises) expect(eml).toMatch(/^Subject: OEFENING/m);
    expect(spoolFiles('sms').filter((s) => s.includes('OEFENING'))).toHaveLength(1);
    expect(await (await fetch(`${hub.url}/actueel/`)).text()).not.toContain(id);
    expect(await (await fetch(`${hub.url}/oefening/`)).text()).toContain(id);
  });
});
