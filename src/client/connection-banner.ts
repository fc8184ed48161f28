/**
 * The banner under the header: online or offline, how old the shown information is, when the
 * hub last checked for a new version, and the "Nieuwe versie beschikbaar — Vernieuwen" prompt.
 * Without JavaScript the banner still shows the build date from the HTML.
 */
import { formatDateTime } from '../catalog/format-date-time.ts';
import { applyUpdate, checkForUpdate, lastUpdateCheck, onUpdateChecked, onUpdateReady, registerServiceWorker } from './service-worker-client.ts';

const banner = document.querySelector<HTMLElement>('[data-connection-banner]');
const state = banner?.querySelector<HTMLElement>('[data-connection-state]');
const lastCheck = banner?.querySelector<HTMLElement>('[data-last-check]');
const lastCheckTime = lastCheck?.querySelector('time');
const prompt = banner?.querySelector<HTMLElement>('[data-update-prompt]');
const accept = prompt?.querySelector<HTMLButtonElement>('button');

function showConnection(): void {
  if (!banner || !state) return;
  const online = navigator.onLine;
  banner.classList.toggle('is-offline', !online);
  state.textContent = online ? 'U bent online.' : 'U bent offline. U ziet de opgeslagen versie.';
  state.hidden = false;
}

function showLastCheck(date: Date | undefined): void {
  if (!lastCheck || !lastCheckTime || !date) return;
  lastCheckTime.dateTime = date.toISOString();
  lastCheckTime.textContent = formatDateTime(date);
  lastCheck.hidden = false;
}

function checkWhenOnline(): void {
  if (navigator.onLine) void checkForUpdate();
}

showConnection();
showLastCheck(lastUpdateCheck());
window.addEventListener('online', () => {
  showConnection();
  checkWhenOnline();
});
window.addEventListener('offline', showConnection);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') checkWhenOnline();
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
void registerServiceWorker().then(checkWhenOnline);
