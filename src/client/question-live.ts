/**
 * Keeps the answers to a call-up or roll-call up to date: every three seconds it fetches the
 * console page again and puts its tally, people and escalation state in place. The page is
 * rendered in one place (the server); without JavaScript it shows the state at load time.
 */
const section = document.querySelector<HTMLElement>('[data-question]');

async function refresh(): Promise<boolean> {
  const response = await fetch(window.location.pathname, { headers: { Accept: 'text/html' } });
  if (!response.ok) return true;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  const next = fresh.querySelector<HTMLElement>('[data-question]');
  if (!next || !section) return false;
  const live = section.querySelector('[data-question-live]');
  const nextLive = next.querySelector('[data-question-live]');
  if (live && nextLive) live.replaceWith(nextLive);
  const status = section.querySelector<HTMLElement>('[data-escalation]');
  const nextStatus = next.querySelector<HTMLElement>('[data-escalation]');
  // Only a changed text is written, so a screen reader hears a change once.
  if (status && nextStatus && status.textContent !== nextStatus.textContent) {
    status.textContent = nextStatus.textContent;
    status.dataset.escalation = nextStatus.dataset.escalation ?? '';
  }
  const actions = section.querySelector('.actions');
  const nextActions = next.querySelector('.actions');
  if (actions && nextActions && !actions.contains(document.activeElement)) actions.replaceWith(nextActions);
  return next.dataset.live === 'true';
}

if (section?.dataset.live === 'true') {
  const tick = async () => {
    const more = await refresh().catch(() => true);
    if (more) window.setTimeout(tick, 3000);
  };
  window.setTimeout(tick, 3000);
}
