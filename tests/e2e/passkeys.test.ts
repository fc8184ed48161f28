// biome-ignore-all lint/performance/useDomNodeTextContent: these checks read the text as a person sees it (innerText: rendered line breaks, hidden parts left out), which textContent is not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, addUserWithCli, rememberSecondFactor, totpCodeFor } from '../helpers/api-client.ts';
import { launchChromium } from '../helpers/browser.ts';
import { type RunningHub, startHub } from '../helpers/hub-server.ts';

// Each login runs a real scrypt hash (128 MiB, two at a time): slow on a busy machine.
vi.setConfig({ testTimeout: 240_000 });

const PASSWORD = 'correct horse battery staple';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let hub: RunningHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
// WebAuthn needs a host name as relying-party id: `localhost` (a secure context), not 127.0.0.1.
let base: string;

async function axeViolations(): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string }> }> };
      }
    ).axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return violations.map((v) => v.id);
  });
}

beforeAll(async () => {
  hub = await startHub();
  base = hub.url.replace('127.0.0.1', 'localhost');
  addUserWithCli(hub.dataDir, 'anna', PASSWORD);
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  // Chromium's virtual authenticator, through the DevTools protocol: a platform passkey that
  // verifies the user and answers at once.
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('passkeys as the second step', () => {
  it('adds a passkey on the Beveiliging page after logging in with a TOTP code', async () => {
    await page.goto(`${base}/coordinator/`);
    await page.waitForURL(/\/coordinator\/inloggen\//);
    await page.getByLabel('Gebruikersnaam').fill('anna');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByLabel('Code uit uw authenticator-app').fill(await totpCodeFor('anna'));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Berichten' }).waitFor();

    await page.getByRole('link', { name: 'Beveiliging' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beveiliging van uw account' }).waitFor();
    expect(await page.getByText('U heeft nog geen passkey.').count()).toBe(1);
    expect(await page.locator('main, body').first().innerText()).toContain('nog 10 herstelcodes over');
    expect(await axeViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await page.getByText('Vul eerst uw wachtwoord in.').waitFor();
    await page.locator('#passkey-wachtwoord').fill('not my password at all');
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await page.getByText(/Het wachtwoord klopt niet/).waitFor();
    await page.locator('#passkey-wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await page.getByText(/Passkey 1: toegevoegd/).waitFor();
  });

  it('logs in with password and passkey, the code field left empty', async () => {
    await page.getByRole('button', { name: /^Uitloggen/ }).click();
    await page.waitForURL(/\/coordinator\/inloggen\//);
    await page.getByLabel('Gebruikersnaam').fill('anna');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Berichten' }).waitFor();

    const db = new DatabaseSync(join(hub.dataDir, 'baken.sqlite'));
    const last = db
      .prepare("SELECT details FROM audit_log WHERE action = 'login.succeeded' ORDER BY seq DESC LIMIT 1")
      .get() as { details: string };
    const used = db.prepare('SELECT COUNT(*) AS n FROM passkeys WHERE last_used_at IS NOT NULL').get() as { n: number };
    db.close();
    expect(JSON.parse(last.details)).toMatchObject({ factor: 'passkey' });
    expect(used.n).toBe(1);
  });

  it('refuses a made-up passkey answer and still asks for a second step', async () => {
    const client = new ApiClient(hub.url);
    const forged = await client.request('POST', '/api/session', {
      username: 'anna',
      password: PASSWORD,
      passkey: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
        clientExtensionResults: {},
      },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid-code');
    const bare = await client.request('POST', '/api/session', { username: 'anna', password: PASSWORD });
    expect(bare.body.error.code).toBe('mfa-required');
  });

  it('links a new authenticator app in the console: password, pasted key, code, new recovery codes', async () => {
    await page.goto(`${base}/coordinator/beveiliging/`);
    await page.getByLabel('Uw wachtwoord (ter controle)').first().fill(PASSWORD);
    await page.getByRole('button', { name: 'Nieuwe authenticator-app koppelen' }).click();
    await page.getByRole('heading', { name: 'Nieuwe authenticator-app koppelen' }).waitFor();
    expect(await axeViolations()).toEqual([]);
    const uri = await page.getByLabel('Adres voor de app (otpauth)').inputValue();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Baken:anna\?secret=/);
    await page.getByLabel('Code uit de nieuwe app').fill('000000');
    await page.getByRole('button', { name: 'Nieuwe app bevestigen' }).click();
    await page.getByText('Deze code klopt niet.').waitFor();

    const oldCode = await totpCodeFor('anna');
    const account = rememberSecondFactor('anna', uri);
    await page.getByLabel('Code uit de nieuwe app').fill(await totpCodeFor('anna'));
    await page.getByRole('button', { name: 'Nieuwe app bevestigen' }).click();
    await page.getByText(/De nieuwe app is gekoppeld/).waitFor();
    const message = await page.getByText(/De nieuwe app is gekoppeld/).innerText();
    const codes = message.match(/[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/g) ?? [];
    expect(codes).toHaveLength(10);
    expect(account.totpSecret).toMatch(/^[A-Z2-7]+$/);

    // The new app's codes and the new recovery codes work; the old app's no longer do.
    expect(await new ApiClient(hub.url).login('anna', PASSWORD, oldCode)).toBe(401);
    expect(await new ApiClient(hub.url).login('anna', PASSWORD)).toBe(200);
    expect(await new ApiClient(hub.url).login('anna', PASSWORD, codes[0])).toBe(200);
  });
});
