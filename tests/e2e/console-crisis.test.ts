// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from '../helpers/axe.ts';
import { importListWithCli } from '../helpers/baken-cli.ts';
import { launchChromium } from '../helpers/browser.ts';
import { loginInBrowser } from '../helpers/console-session.ts';
import { addCoordinators, COORDINATOR_PASSWORD as PASSWORD } from '../helpers/coordinators.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';
import { captured } from '../helpers/present.ts';

const ENGLISH = /\b(expected|received|invalid|too (small|big)|must|required|characters|string|array)\b/i;

let hub: RunningHub;
let browser: Browser;
let anna: Page;
let bram: Page;

/** Axe with the tags this test holds the console to, one line per violation. */
async function axeViolations(page: Page): Promise<string[]> {
  const violations = await runAxe(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  return violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page), page.url()).toEqual([]);
  // WCAG 1.4.10: nothing scrolls sideways on a 320 px wide screen.
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() =>
    document.documentElement.scrollWidth > 320
      ? [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > 320 && !el.closest('.table-scroll'))
          .map((el) => `${el.tagName}.${el.className}`)
          .slice(-8)
      : [],
  );
  expect(wide, `${page.url()} at 320 px`).toEqual([]);
  if (size) await page.setViewportSize(size);
}

const idFrom = (page: Page) => captured(/berichten\/([^/]+)\//, page.url());

beforeAll(async () => {
  hub = await startHub();
  addCoordinators(hub);
  importListWithCli(hub.dataDir, 'Schoolleiders');
  browser = await launchChromium();
  const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
  [anna, bram] = await Promise.all([a.newPage(), b.newPage()]);
  await Promise.all([loginInBrowser(anna, hub.url, 'anna', PASSWORD), loginInBrowser(bram, hub.url, 'bram', PASSWORD)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('two coordinators in a crisis', () => {
  let id: string;

  it('keeps every value after an error and shows a Dutch message at the field', async () => {
    await anna.goto(`${hub.url}/coordinator/nieuw/`);
    await expectAccessible(anna);
    await anna.locator('a[href="/coordinator/nieuw/?script=zorg-stroomuitval"]').click();
    await expectAccessible(anna);
    await anna.locator('#veld-gemeente').fill('Voorbeeldstad');
    await anna.locator('#veld-locatie').fill('Gemeentehuis');
    for (const channel of ['web', 'email', 'sms']) await anna.locator(`#kanaal-${channel}`).uncheck();
    await anna.getByLabel(/^Schoolleiders/).check();
    await anna.getByLabel(/^Gebied/).fill('Gemeente Voorbeeldstad');
    await anna.getByRole('button', { name: 'Opslaan als concept' }).click();
    await anna.locator('#veld-organisatie-fout').waitFor();
    expect(await anna.locator('#veld-organisatie-fout').innerText()).toContain('Vul dit veld in');
    expect(await anna.locator('#kanalen-fout').innerText()).toContain('Kies minstens één kanaal');
    expect(await anna.locator('#veld-organisatie').getAttribute('aria-invalid')).toBe('true');
    expect(await anna.locator('#veld-gemeente').inputValue()).toBe('Voorbeeldstad');
    expect(await anna.locator('#veld-locatie').inputValue()).toBe('Gemeentehuis');
    expect(await anna.getByLabel(/^Schoolleiders/).isChecked()).toBe(true);
    expect(await anna.getByLabel(/^Gebied/).inputValue()).toBe('Gemeente Voorbeeldstad');
    const errors = await anna.locator('.utrecht-form-field-error-message, .error-summary').allInnerTexts();
    for (const message of errors) expect(message).not.toMatch(ENGLISH);
    await expectAccessible(anna);
  });

  it('updates the preview and the SMS count while typing, before anything is saved', async () => {
    await anna.locator('#veld-organisatie').fill('Zorggroep De Linde');
    await expect.poll(() => anna.locator('[data-preview="smsText"]').innerText()).toContain('Zorggroep De Linde');
    expect(await anna.locator('[data-preview="emailSubject"]').innerText()).toContain('Voorbeeldstad');
    expect(await anna.locator('[data-sms-facts]').innerText()).toMatch(/Aantal sms'en\s*2 \(maximaal 2\)/);
  });

  it('A saves and submits; B sends it back with a reason; A sees the reason, edits and submits again', async () => {
    for (const channel of ['web', 'email', 'sms']) await anna.locator(`#kanaal-${channel}`).check();
    await anna.getByRole('button', { name: 'Opslaan als concept' }).click();
    await anna.waitForURL(/\/coordinator\/berichten\/[^/]+\/$/);
    id = idFrom(anna);
    await expectAccessible(anna);
    await anna.getByRole('button', { name: 'Aanbieden ter goedkeuring' }).click();
    await anna.getByText('Aangeboden ter goedkeuring').waitFor();

    await bram.goto(`${hub.url}/coordinator/`);
    expect(await bram.locator('.waiting-summary').innerText()).toMatch(/wacht op uw goedkeuring/);
    await expectAccessible(bram);
    await bram.goto(`${hub.url}/coordinator/berichten/${id}/`);
    await expectAccessible(bram);
    await bram.getByLabel(/waarom/).fill('Het noodsteunpunt is niet in het gemeentehuis.');
    await bram.getByRole('button', { name: 'Terugsturen met reden' }).click();
    await bram.getByText('Teruggestuurd naar de schrijver').waitFor();

    await anna.goto(`${hub.url}/coordinator/berichten/${id}/`);
    expect(await anna.locator('.returned-note').innerText()).toContain(
      'Het noodsteunpunt is niet in het gemeentehuis.',
    );
    await anna.getByRole('link', { name: 'Wijzigen' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Concept wijzigen' }).waitFor();
    await expectAccessible(anna);
    await anna.locator('#veld-locatie').fill('Wijkcentrum De Brug');
    await anna.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await anna.getByText('Het concept is bijgewerkt').waitFor();
    expect(await anna.locator('#voorbeeld-sms + .preview-box').innerText()).toContain('Wijkcentrum De Brug');
    await anna.getByRole('button', { name: 'Aanbieden ter goedkeuring' }).click();
    await anna.getByText('Aangeboden ter goedkeuring').waitFor();
  });

  it('B approves only after a confirmation that names the number of recipients per channel', async () => {
    await bram.goto(`${hub.url}/coordinator/berichten/${id}/`);
    await bram.getByRole('link', { name: 'Controleren en goedkeuren' }).click();
    await bram.getByRole('heading', { level: 1, name: 'Controleren en goedkeuren' }).waitFor();
    expect(await bram.locator('[data-confirm]').innerText()).toBe(
      'U verstuurt dit naar 3 mensen: 2 per e-mail, 1 per sms.',
    );
    const meta = await bram.locator('.meta').innerText();
    expect(meta).toContain('Ernst');
    expect(meta).toContain('Gemeente Voorbeeldstad');
    expect(await bram.locator('.previews').innerText()).toContain('Wijkcentrum De Brug');
    expect(await bram.locator('.confirm').innerText()).not.toContain('Verstuurd');
    await expectAccessible(bram);
    await bram.getByRole('button', { name: 'Goedkeuren en versturen' }).click();
    await bram.getByText('Goedgekeurd en verstuurd.').waitFor();
    await expectAccessible(bram);
  });

  it('B corrects one field: the draft shows was → wordt, and every channel carries the new value', async () => {
    await bram.getByRole('link', { name: 'Corrigeren' }).click();
    await bram.getByRole('heading', { level: 1, name: 'Bericht corrigeren' }).waitFor();
    await expectAccessible(bram);
    expect(await bram.locator('#veld-locatie').inputValue()).toBe('Wijkcentrum De Brug');
    await bram.getByRole('button', { name: 'Correctie klaarzetten' }).click();
    expect(await bram.locator('#invulvelden-fout').innerText()).toContain('Er is niets veranderd');
    await bram.locator('#veld-locatie').fill('Sporthal De Linde');
    await bram.getByRole('button', { name: 'Correctie klaarzetten' }).click();
    await bram.waitForURL((url) => !url.pathname.includes(id) && /berichten\/[^/]+\/$/.test(url.pathname));
    const row = bram.locator('[data-change="locatie"]');
    expect(await row.locator('td').first().innerText()).toBe('Wijkcentrum De Brug');
    expect(await row.locator('td').last().innerText()).toBe('Sporthal De Linde');
    for (const channel of ['web', 'mail', 'sms'])
      expect(await bram.locator(`#voorbeeld-${channel} + .preview-box`).innerText(), channel).toContain(
        'Sporthal De Linde',
      );
    await expectAccessible(bram);
    await bram.getByRole('button', { name: 'Aanbieden ter goedkeuring' }).click();
    await bram.getByText('Aangeboden ter goedkeuring').waitFor();
    await anna.goto(`${hub.url}/coordinator/berichten/${idFrom(bram)}/goedkeuren/`);
    expect(await anna.locator('[data-confirm]').innerText()).toBe(
      'U verstuurt dit naar 3 mensen: 2 per e-mail, 1 per sms.',
    );
    await expectAccessible(anna);
  });

  it("sets the coordinators' list in the console, so nobody waits unseen", async () => {
    await anna.goto(`${hub.url}/coordinator/`);
    await anna.getByRole('link', { name: /Kies een lijst met coördinatoren/ }).click();
    await expectAccessible(anna);
    await anna.getByLabel(/Wie hoort dat een bericht/).selectOption('Schoolleiders');
    await anna.getByRole('button', { name: 'Opslaan' }).click();
    await anna.getByText('Meldingen gaan voortaan naar de lijst Schoolleiders.').waitFor();
    await anna.goto(`${hub.url}/coordinator/`);
    expect(await anna.getByText('Niemand krijgt een melding').count()).toBe(0);
  });
});
