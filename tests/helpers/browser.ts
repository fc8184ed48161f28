import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; playwright's own browser downloads do not work on these machines. */
export const CHROMIUM_PATH = process.env.BAKEN_CHROMIUM ?? '/usr/bin/chromium';

const LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  timeout: 30_000,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

/**
 * Stops a browser test with a clear message when there is no Chromium, instead of a launch
 * error deep in playwright. Any version will do: the tests never depend on one.
 */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's "chromium" package (npm test does) or set BAKEN_CHROMIUM to a Chromium binary.`,
    );
  }
}

/** Launches headless Debian Chromium with no background network traffic. */
export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch(LAUNCH_OPTIONS);
}

/**
 * Launches Chromium with a real (non-incognito) profile in `userDataDir`, as a user has it:
 * Chromium only considers a site installable outside incognito.
 */
export function launchPersistentChromium(userDataDir: string): Promise<BrowserContext> {
  requireChromium();
  return chromium.launchPersistentContext(userDataDir, LAUNCH_OPTIONS);
}
