import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { type RunningHub, startHub } from './hub-server.ts';
import { present } from './present.ts';

/**
 * For a browser test file: starts the real hub (see `startHub`) and Chromium side by side
 * before its tests, and stops both after them. Call it at the top of the file; inside hooks
 * and tests, `site.hub` and `site.browser` are the running ones.
 */
export function useHubAndBrowser(options: Parameters<typeof startHub>[0] = {}): {
  readonly hub: RunningHub;
  readonly browser: Browser;
} {
  let hub: RunningHub | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([startHub(options), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });
  return {
    get hub() {
      return present(hub, 'the hub (started before the tests)');
    },
    get browser() {
      return present(browser, 'the browser (started before the tests)');
    },
  };
}
