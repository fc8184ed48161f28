import type { Broadcast } from '../../schemas/broadcast.ts';

/** A published update as the public sees it: is it still current, corrected or withdrawn? */
export interface PublicUpdate {
  broadcast: Broadcast;
  state: 'active' | 'corrected' | 'withdrawn' | 'notice';
  /** The newest correction or withdrawal of this update, if any. */
  replacedBy: Broadcast | undefined;
}

/**
 * Works out the state of each published broadcast from the follow-ups that reference it.
 * Corrections and withdrawals themselves are notices; a correction can be current.
 */
export function toPublicUpdates(published: Broadcast[]): PublicUpdate[] {
  const followUps = new Map<string, Broadcast[]>();
  for (const b of published) if (b.references) followUps.set(b.references, [...(followUps.get(b.references) ?? []), b]);
  return published.map((broadcast) => {
    const later = (followUps.get(broadcast.id) ?? []).sort((a, b) =>
      (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''),
    );
    const replacedBy = later.at(-1);
    if (broadcast.messageType === 'cancel') return { broadcast, state: 'notice', replacedBy };
    if (later.some((b) => b.messageType === 'cancel')) return { broadcast, state: 'withdrawn', replacedBy };
    if (replacedBy) return { broadcast, state: 'corrected', replacedBy };
    // A correction is current as long as its original has not been withdrawn after it.
    if (broadcast.messageType === 'update') {
      const siblings = followUps.get(broadcast.references ?? '') ?? [];
      const withdrawn = siblings.some((b) => b.messageType === 'cancel');
      const newer = siblings.some((b) => (b.publishedAt ?? '') > (broadcast.publishedAt ?? ''));
      if (withdrawn) return { broadcast, state: 'withdrawn', replacedBy: undefined };
      if (newer) return { broadcast, state: 'corrected', replacedBy: undefined };
    }
    return { broadcast, state: 'active', replacedBy: undefined };
  });
}
