/**
 * Keeps the delivery table of a broadcast up to date while it is being sent, by asking the
 * API every two seconds. Without JavaScript the page shows the counts at load time.
 */
import { type DeliveryProgress, deliveryProgressText } from '../catalog/delivery-progress.ts';

interface Summary extends DeliveryProgress {
  channels: Record<string, Record<string, number>>;
}

const section = document.querySelector<HTMLElement>('[data-delivery]');

async function refresh(id: string): Promise<boolean> {
  const response = await fetch(`/api/broadcasts/${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) return false;
  const { summary } = (await response.json()) as { summary: Summary };
  for (const cell of document.querySelectorAll<HTMLElement>('[data-count]')) {
    const [channel, state] = (cell.dataset.count ?? '').split('.');
    cell.textContent = String(summary.channels[channel ?? '']?.[state ?? ''] ?? 0);
  }
  const progress = document.querySelector<HTMLElement>('[data-progress]');
  if (progress) progress.textContent = deliveryProgressText(summary);
  return summary.remaining > 0;
}

if (section?.dataset.live === 'true' && section.dataset.delivery) {
  const id = section.dataset.delivery;
  const tick = async () => {
    const more = await refresh(id).catch(() => true);
    if (more) window.setTimeout(tick, 2000);
  };
  window.setTimeout(tick, 2000);
}
