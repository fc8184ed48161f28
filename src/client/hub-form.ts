/**
 * Forms marked `data-needs-hub` (sign-up) only work with the central hub. Before sending, the
 * page asks whether it answers; when it does not (offline, hub down, or a copy on the local
 * network), the form stays as it is and a Dutch message says why, instead of a browser error
 * page that loses what was typed.
 */
import { probeCentralHub } from './connection-probe.ts';

const MESSAGE =
  'Versturen lukt nu niet. Dit kan alleen met de centrale Baken, en die is nu niet bereikbaar. ' +
  'Uw gegevens zijn niet verstuurd en staan nog in het formulier. Probeer het later opnieuw.';

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-needs-hub]')) {
  const error = document.createElement('p');
  error.className = 'notice notice-danger';
  error.setAttribute('role', 'alert');
  error.dataset.hubUnreachable = '';
  error.hidden = true;
  form.prepend(error);
  let checking = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (checking) return;
    checking = true;
    void probeCentralHub().then((reachable) => {
      checking = false;
      if (reachable) {
        error.hidden = true;
        // submit() skips this listener and the browser's checks, which already passed.
        form.submit();
        return;
      }
      error.textContent = MESSAGE;
      error.hidden = false;
      error.scrollIntoView({ block: 'center' });
    });
  });
}
