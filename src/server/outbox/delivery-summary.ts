import type { DeliveryProgress } from '../../catalog/delivery-progress.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import { type DeliveryCount, OUTBOX_STATUSES, type OutboxStatus, type OutboxStore } from './outbox-store.ts';

export interface DeliverySummary extends DeliveryProgress {
  channels: Record<SubscriberChannel, Record<OutboxStatus, number>>;
  total: number;
  /** Recipients who deleted their data after this broadcast was queued: counted apart, never sent to again. */
  left: number;
}

const empty = (): Record<OutboxStatus, number> =>
  Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;

/** Counts per channel and state, the sending rate and the time left, for the dashboard. */
export function summarizeDelivery(
  counts: DeliveryCount[],
  window: { first: number | null; last: number | null },
  left = 0,
): DeliverySummary {
  const channels = { email: empty(), sms: empty() };
  for (const { channel, status, count } of counts) channels[channel][status] += count;
  const sum = (status: OutboxStatus) => channels.email[status] + channels.sms[status];
  const total = OUTBOX_STATUSES.reduce((n, status) => n + sum(status), 0);
  const remaining = sum('queued') + sum('sending');
  const sent = sum('sent');
  const seconds = window.first !== null && window.last !== null ? (window.last - window.first) / 1000 : 0;
  const ratePerSecond = sent > 1 && seconds > 0 ? sent / seconds : null;
  return {
    channels,
    total,
    remaining,
    ratePerSecond,
    etaSeconds: ratePerSecond ? Math.ceil(remaining / ratePerSecond) : remaining === 0 ? 0 : null,
    left,
  };
}

/** The summary of one broadcast, read from the outbox. */
export async function deliverySummaryOf(outbox: OutboxStore, broadcastId: string): Promise<DeliverySummary> {
  return summarizeDelivery(
    await outbox.counts(broadcastId),
    await outbox.sendWindow(broadcastId),
    await outbox.leftCount(broadcastId),
  );
}
