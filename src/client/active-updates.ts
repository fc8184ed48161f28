import { formatDateTime } from '../catalog/format-date-time.ts';

/**
 * Shows the active updates on the (prebuilt) home page: they change all the time, so the
 * page asks the server. Without JavaScript the link to /actueel/ on the page does the job.
 */
interface ActiveUpdate {
  id: string;
  title: string;
  publishedAt: string;
  url: string;
}

const region = document.querySelector<HTMLElement>('[data-active-updates]');

async function show(target: HTMLElement): Promise<void> {
  const response = await fetch('/api/public/updates.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const { updates } = (await response.json()) as { updates: ActiveUpdate[] };
  target.replaceChildren();
  if (updates.length === 0) return;
  const heading = document.createElement('h2');
  heading.textContent =
    updates.length === 1 ? 'Er is een actueel bericht' : `Er zijn ${updates.length} actuele berichten`;
  const list = document.createElement('ul');
  for (const update of updates) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = update.url;
    link.textContent = update.title;
    const time = document.createElement('span');
    // The same words and Dutch time as /actueel/, whatever zone the browser is in.
    time.textContent = ` (verstuurd op ${formatDateTime(new Date(update.publishedAt))})`;
    item.append(link, time);
    list.append(item);
  }
  target.append(heading, list);
}

if (region) {
  void show(region).catch(() => undefined);
  // Keep it fresh while the page is open, e.g. on a screen in a wijkcentrum.
  window.setInterval(() => void show(region).catch(() => undefined), 60_000);
}
