import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; playwright's own browser downloads do not work on these machines. */
export const CHROMIUM_PATH = process.env.BAKEN_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Debian Chromium with no background network traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
  });
}
