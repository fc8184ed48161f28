/**
 * The banner under the header: whether Baken answers (online, unreachable, offline), how old
 * the shown information is, when the hub last checked for a new version, and the "Nieuwe
 * versie beschikbaar — Vernieuwen" prompt. Without JavaScript the banner still shows the build
 * date from the HTML.
 */
import { formatDateTime } from '../catalog/format-date-time.ts';
import { type NetworkReport, WORKER_MESSAGE } from '../service-worker/messages.ts';
import { probeHub } from './connection-probe.ts';
import { type ConnectionState, connectionState, connectionText } from './connection-state.ts';
import {
  applyUpdate,
  checkForUpdate,
  lastUpdateCheck,
  onUpdateChecked,
  onUpdateReady,
  refreshLiveCopies,
  registerServiceWorker,
} from './service-worker-client.ts';

/** How often to ask again while Baken does not answer, so the banner sees it come back. */
const RETRY_MS = 10_000;
/** How often to ask while Baken answers, so the banner sees it go. */
const RECHECK_MS = 60_000;

const banner = document.querySelector<HTMLElement>('[data-connection-banner]');
const stateLine = banner?.querySelector<HTMLElement>('[data-connection-state]');
const lastCheck = banner?.querySelector<HTMLElement>('[data-last-check]');
const lastCheckTime = lastCheck?.querySelector('time');
const prompt = banner?.querySelector<HTMLElement>('[data-update-prompt]');
const accept = prompt?.querySelector<HTMLButtonElement>('button');

let hubReachable: boolean | undefined;
let current: ConnectionState | undefined;
let timer: number | undefined;

/**
 * The age of what is on screen: a stored live page says when it was fetched, a bundle's
 * /actueel/ when its snapshot was taken; else the build.
 */
function shownAt(): Date {
  const time =
    document.querySelector<HTMLTimeElement>('[data-fetched-at] time, [data-snapshot-at] time') ??
    banner?.querySelector<HTMLTimeElement>('.connection-line > span > time');
  const date = new Date(time?.dateTime ?? '');
  return Number.isNaN(date.getTime()) ? new Date(document.lastModified) : date;
}

function show(): void {
  const state = connectionState(navigator.onLine, hubReachable);
  if (!banner || !stateLine || !state) return;
  stateLine.dataset.state = state;
  const text = connectionText(state, shownAt());
  // The banner is a live region: writing the same text again would be read out again.
  if (stateLine.textContent !== text) stateLine.textContent = text;
  stateLine.hidden = false;
  banner.classList.toggle('is-offline', state !== 'online');
  if (state === 'online' && current !== 'online') {
    void checkForUpdate();
    refreshLiveCopies();
  }
  current = state;
}

function learn(reachable: boolean): void {
  hubReachable = reachable;
  show();
  window.clearTimeout(timer);
  timer = window.setTimeout(probe, reachable ? RECHECK_MS : RETRY_MS);
}

async function probe(): Promise<void> {
  learn(await probeHub());
}

function showLastCheck(date: Date | undefined): void {
  if (!lastCheck || !lastCheckTime || !date) return;
  lastCheckTime.dateTime = date.toISOString();
  lastCheckTime.textContent = formatDateTime(date);
  lastCheck.hidden = false;
}

show();
showLastCheck(lastUpdateCheck());
window.addEventListener('online', () => void probe());
window.addEventListener('offline', () => {
  // The device lost its network: nothing can answer now.
  hubReachable = false;
  show();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void probe();
});
navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<NetworkReport | null>) => {
  if (event.data?.type === WORKER_MESSAGE.network) learn(event.data.reachable);
});
onUpdateChecked(showLastCheck);
onUpdateReady((waiting) => {
  if (!prompt || !accept) return;
  prompt.hidden = false;
  accept.onclick = () => {
    accept.disabled = true;
    accept.textContent = 'Bezig met vernieuwen …';
    applyUpdate(waiting);
  };
});
void registerServiceWorker();
void probe();
