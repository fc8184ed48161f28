import type { RelayedUpdate, UpdatesDocument } from '../schemas/signed-updates.ts';
import type { PublicUpdate } from '../server/feeds/public-update.ts';

/** How many of the newest updates a signed document carries; the sequence still counts all. */
export const MAX_RELAYED_UPDATES = 100;

/**
 * The document the central hub signs: its public (never training) updates, newest first.
 * `publishedCount` (every public update ever published) is the sequence: it only grows, so a
 * relay can tell an older copy from a newer one without trusting any clock.
 */
export function buildUpdatesDocument(
  updates: PublicUpdate[],
  publishedCount: number,
  hub: string,
  now: Date,
): UpdatesDocument {
  return {
    hub,
    sequence: publishedCount,
    signedAt: now.toISOString(),
    updates: updates.slice(0, MAX_RELAYED_UPDATES).map(
      ({ broadcast: b, state, replacedBy }): RelayedUpdate => ({
        id: b.id,
        type: b.messageType,
        state,
        title: b.title,
        text: b.webBody,
        publishedAt: b.publishedAt ?? now.toISOString(),
        references: b.references,
        replacedBy: replacedBy?.id ?? null,
        area: b.area,
      }),
    ),
  };
}
