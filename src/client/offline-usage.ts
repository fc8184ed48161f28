/**
 * The "Offline gebruik" page: what this device has stored, a request for persistent storage
 * and a button to check for a new version. The buttons are shown only when they can work.
 */
import { formatDateTime } from '../catalog/format-date-time.ts';
import { checkForUpdate, storedSummary } from './service-worker-client.ts';

const summary = document.querySelector<HTMLElement>('[data-stored-summary]');
const persistState = document.querySelector<HTMLElement>('[data-persist-state]');
const persistButton = document.querySelector<HTMLButtonElement>('[data-persist]');
const recheckButton = document.querySelector<HTMLButtonElement>('[data-recheck]');
const recheckResult = document.querySelector<HTMLElement>('[data-recheck-result]');

const megabytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

async function showSummary(): Promise<void> {
  if (!summary) return;
  if (!('serviceWorker' in navigator)) {
    summary.textContent = 'Deze browser kan Baken niet op dit apparaat opslaan. Baken werkt hier alleen met internet.';
    return;
  }
  summary.textContent = 'Even kijken …';
  const stored = await storedSummary();
  summary.textContent = stored
    ? `Op dit apparaat staan ${stored.pages} pagina's en ${stored.files} bestanden in totaal, samen ${megabytes(stored.bytes)} MB. U kunt ze openen zonder internet.`
    : 'Er is nog niets opgeslagen. Open Baken één keer met internet en wacht een paar seconden. Laad deze pagina daarna opnieuw.';
}

async function showPersistence(): Promise<void> {
  if (!persistState || !persistButton || !navigator.storage?.persist) return;
  const persisted = await navigator.storage.persisted();
  persistState.textContent = persisted
    ? "Uw browser bewaart de pagina's blijvend."
    : "Uw browser mag de pagina's nu nog wissen als er weinig ruimte is.";
  persistState.hidden = false;
  persistButton.hidden = persisted;
  persistButton.onclick = async () => {
    const granted = await navigator.storage.persist();
    persistButton.hidden = granted;
    persistState.textContent = granted
      ? "Gelukt: uw browser bewaart de pagina's blijvend."
      : "Uw browser heeft dit niet toegestaan. De pagina's blijven meestal toch bewaard als u Baken af en toe opent.";
  };
}

function setUpRecheck(): void {
  if (!recheckButton || !recheckResult || !('serviceWorker' in navigator)) return;
  recheckButton.hidden = false;
  recheckButton.onclick = async () => {
    recheckButton.disabled = true;
    recheckResult.textContent = 'Bezig met controleren …';
    const result = await checkForUpdate();
    recheckButton.disabled = false;
    recheckResult.textContent = {
      'up-to-date': `Gecontroleerd op ${formatDateTime(new Date())}: u heeft de nieuwste versie.`,
      'update-found': 'Er is een nieuwe versie. Die wordt nu opgehaald. Kies daarna bovenaan de pagina "Vernieuwen".',
      failed: 'Controleren lukt nu niet: er is geen verbinding met de server. Probeer het later opnieuw.',
      unsupported: 'Deze browser kan niet controleren op een nieuwe versie.',
    }[result];
  };
}

setUpRecheck();
void showPersistence();
void showSummary();
