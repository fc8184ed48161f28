// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUserWithCli, totpCodeFor } from '../helpers/api-client.ts';
import { describeViolations, runAxe } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { type HubWithContent, startHubWithContentRepo } from '../helpers/hub-with-content-repo.ts';
import { waitForOfflineReady } from '../helpers/offline.ts';
import { captured } from '../helpers/present.ts';
import { waitFor } from '../helpers/wait-for.ts';

const PASSWORD = 'correct horse battery staple';
const SLUG = 'onderwijs-datalek';
const NEW_SENTENCE = 'Wij bellen alle ouders van wie gegevens zijn gelekt zelf op.';

let setup: HubWithContent;
let browser: Browser;

beforeAll(async () => {
  [setup, browser] = await Promise.all([startHubWithContentRepo(), launchChromium()]);
  addUserWithCli(setup.hub.dataDir, 'otto', PASSWORD, 'editor', ['--sector', 'onderwijs-kinderopvang']);
  addUserWithCli(setup.hub.dataDir, 'olga', PASSWORD, 'editor', ['--sector', 'onderwijs-kinderopvang']);
  addUserWithCli(setup.hub.dataDir, 'zoe', PASSWORD, 'editor', ['--sector', 'zorg-welzijn']);
});
afterAll(async () => {
  await browser?.close();
  await setup?.stop();
});

/** WCAG 2.2 AA (axe) and no sideways scrolling at 320 px, on the page as it is now. */
async function checkAccessible(page: Page): Promise<void> {
  const path = new URL(page.url()).pathname;
  expect(describeViolations(path, await runAxe(page))).toEqual([]);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
  if (size) await page.setViewportSize(size);
}

/** Logs an editor in through the console's form; editors land on their lines. */
async function editorPage(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${setup.hub.url}/coordinator/`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByLabel('Code uit uw authenticator-app').fill(await totpCodeFor(username));
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Lijnen vaststellen' }).waitFor();
  return { context, page };
}

describe('agreeing a line in the browser', () => {
  it('onderwijs proposes, zorg cannot sign, the onderwijs partner signs; the page shows 1.1 with a diff and an open tab is offered the update', async () => {
    // A reader has the line open (and the site installed) before anything changes.
    const readerContext = await browser.newContext();
    const reader = await readerContext.newPage();
    await reader.goto(`${setup.hub.url}/lijnen/${SLUG}/`);
    await waitForOfflineReady(reader);
    expect(await reader.locator('.script-summary').innerText()).toContain('Versie 1.0');

    // The proposer: the lint's messages appear at the field while typing, before saving.
    const otto = await editorPage('otto');
    await otto.page
      .getByRole('link', { name: /Datalek/ })
      .first()
      .waitFor();
    await otto.page.goto(`${setup.hub.url}/coordinator/lijnen/voorstellen/nieuw/?lijn=${SLUG}`);
    const handelings = otto.page.getByLabel('Handelingsperspectief');
    const original = await handelings.inputValue();
    await handelings.fill('');
    const error = otto.page.locator('[data-error-for="sectie-2"]');
    await expect
      .poll(() => error.innerText().catch(() => ''), { timeout: 10_000 })
      .toContain('het kopje "## Handelingsperspectief" ontbreekt; dit onderdeel is verplicht');
    expect(await handelings.getAttribute('aria-invalid')).toBe('true');
    const sms = otto.page.getByLabel("Hoogstens zoveel sms'en");
    await sms.fill('1');
    await expect
      .poll(
        () =>
          otto.page
            .locator('[data-error-for="sms_text"]')
            .innerText()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toMatch(/de sms wordt \d delen/);
    await checkAccessible(otto.page);
    await sms.fill('3');
    await handelings.fill(original);
    const kern = otto.page.getByLabel('Kernboodschap');
    await kern.fill(`${NEW_SENTENCE} ${await kern.inputValue()}`);
    await expect.poll(() => error.isVisible(), { timeout: 10_000 }).toBe(false);
    await otto.page.getByRole('button', { name: 'Voorstel opslaan' }).click();
    await otto.page.waitForURL(/\/coordinator\/lijnen\/voorstellen\/\d+\/$/);
    const proposalUrl = otto.page.url();
    expect(await otto.page.locator('[data-still-needed]').innerText()).toBe('Onderwijs en kinderopvang');
    expect(await otto.page.getByRole('button', { name: /^Tekenen/ }).count()).toBe(0);
    await checkAccessible(otto.page);

    // An editor of zorg cannot see or sign it.
    const zoe = await editorPage('zoe');
    const seen = await zoe.page.goto(proposalUrl);
    expect(seen?.status()).toBe(404);
    // Runs in the page, so the proposal id is taken from the address here first.
    const proposalId = captured(/voorstellen\/(\d+)/, proposalUrl);
    const signedByZorg = await zoe.page.evaluate(
      async (id) =>
        (
          await fetch(`/api/lines/proposals/${id}/sign-off`, {
            method: 'POST',
            headers: { Accept: 'application/json' },
          })
        ).status,
      proposalId,
    );
    expect(signedByZorg).toBe(404);

    // The onderwijs partner signs: that publishes version 1.1.
    const olga = await editorPage('olga');
    await olga.page.goto(proposalUrl);
    await olga.page.getByRole('button', { name: 'Tekenen voor Onderwijs en kinderopvang' }).click();
    await olga.page.getByText('Alle partners hebben getekend: versie 1.1 is vastgesteld.').waitFor();

    await waitFor(
      'the rebuilt site',
      async () =>
        (await (await fetch(`${setup.hub.url}/lijnen/${SLUG}/`)).text()).includes(NEW_SENTENCE) ? true : undefined,
      180_000,
      500,
    );

    // The reader's open tab is offered the new version, and after "Vernieuwen" shows 1.1 with its diff.
    await reader.goto(`${setup.hub.url}/lijnen/${SLUG}/`);
    const prompt = reader.locator('[data-update-prompt]');
    await expect.poll(() => prompt.isVisible(), { timeout: 60_000 }).toBe(true);
    await reader.getByRole('button', { name: 'Vernieuwen' }).click();
    await expect
      .poll(
        () =>
          reader
            .locator('.script-summary')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toContain('Versie 1.1');
    const versions = reader.locator('.line-versions');
    expect(await versions.locator('.version-head').first().innerText()).toMatch(
      /^Versie 1\.1, vastgesteld op .+ door Onderwijs en kinderopvang\.$/,
    );
    expect(await versions.locator('ins').filter({ hasText: NEW_SENTENCE }).count()).toBe(1);
    expect(await versions.getByRole('heading', { level: 3, name: /Kernboodschap/ }).count()).toBe(1);
    await checkAccessible(reader);

    for (const context of [readerContext, otto.context, zoe.context, olga.context]) await context.close();
  }, 300_000);
});
