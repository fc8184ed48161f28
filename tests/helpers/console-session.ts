import type { Page } from 'playwright-core';
import { totpCodeFor } from './api-client.ts';

/**
 * Logs a coordinator in through the console's login form, as a person does. The one place
 * browser tests log in, so a change to the login (the second factor) is made here once.
 */
export async function loginInBrowser(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/coordinator/`);
  await page.waitForURL(/\/coordinator\/inloggen\//);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  // Accounts made with addUserWithCli have a TOTP secret the tests know.
  await page.getByLabel('Code uit uw authenticator-app').fill(await totpCodeFor(username));
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Berichten' }).waitFor();
}
