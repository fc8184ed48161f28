import type { Page } from 'playwright-core';
import { ApiClient, addUserWithCli } from './api-client.ts';
import { loginInBrowser } from './console-session.ts';
import type { RunningHub } from './hub-server.ts';

export const CONSOLE_PASSWORD = 'correct horse battery staple';

/** Console screens with content in them, for the browser tests and the screenshots. */
export interface ConsoleScreens {
  /** Every console screen, login first; the rest need a session. */
  paths: string[];
  /** The approval screen: a broadcast by anna, submitted, seen by bram. */
  approvalPath: string;
  /** A published broadcast with its delivery view. */
  deliveryPath: string;
}

const FIELDS = {
  organisatie: 'Zorggroep De Linde',
  gemeente: 'Voorbeeldstad',
  locatie: 'Wijkcentrum De Brug',
  tijd: '14:30',
};

/**
 * Adds coordinators anna and bram through the real CLI and, through the real API, one
 * broadcast waiting for approval and one published (web only, so nothing is sent).
 */
export async function prepareConsoleScreens(hub: RunningHub): Promise<ConsoleScreens> {
  addUserWithCli(hub.dataDir, 'anna', CONSOLE_PASSWORD);
  addUserWithCli(hub.dataDir, 'bram', CONSOLE_PASSWORD);
  const anna = new ApiClient(hub.url);
  const bram = new ApiClient(hub.url);
  if ((await anna.login('anna', CONSOLE_PASSWORD)) !== 200 || (await bram.login('bram', CONSOLE_PASSWORD)) !== 200)
    throw new Error('login failed');
  const draft = async () => {
    const created = await anna.post('/api/broadcasts', {
      script: 'zorg-stroomuitval',
      channels: ['web'],
      lists: [],
      training: false,
      fields: FIELDS,
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    if ((await anna.post(`/api/broadcasts/${id}/submit`)).status !== 200) throw new Error('submit failed');
    return id;
  };
  const waiting = await draft();
  const published = await draft();
  if ((await bram.post(`/api/broadcasts/${published}/approve`)).status !== 200) throw new Error('approve failed');
  const approvalPath = `/coordinator/berichten/${waiting}/goedkeuren/`;
  const deliveryPath = `/coordinator/berichten/${published}/`;
  return {
    paths: [
      '/coordinator/inloggen/',
      '/coordinator/',
      '/coordinator/nieuw/',
      '/coordinator/nieuw/?script=zorg-stroomuitval',
      `/coordinator/berichten/${waiting}/`,
      approvalPath,
      deliveryPath,
      '/coordinator/instellingen/',
      '/coordinator/beveiliging/',
    ],
    approvalPath,
    deliveryPath,
  };
}

/** Logs in through the login form, as a person does (password and code typed; pasting is allowed). */
export async function loginThroughForm(page: Page, baseUrl: string, username: string): Promise<void> {
  await loginInBrowser(page, baseUrl, username, CONSOLE_PASSWORD);
}
