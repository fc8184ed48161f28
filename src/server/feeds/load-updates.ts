import type { BroadcastStore } from '../broadcast/broadcast-store.ts';
import type { FeedContext } from './feed-context.ts';
import { type PublicUpdate, toPublicUpdates } from './public-update.ts';

/** Published updates for the public site (or, with `training`, for the exercise page), with feed context. */
export async function loadUpdates(
  broadcasts: BroadcastStore,
  site: { publicUrl: string; orgName: string },
  training: boolean,
): Promise<{ updates: PublicUpdate[]; context: FeedContext }> {
  const updates = toPublicUpdates(await broadcasts.published(training));
  return {
    updates,
    context: {
      publicUrl: site.publicUrl,
      orgName: site.orgName,
      listPath: training ? '/oefening/' : '/actueel/',
      title: training ? `${site.orgName} — oefenberichten` : `${site.orgName} — actuele berichten`,
      updated: updates[0]?.broadcast.publishedAt ?? new Date(0).toISOString(),
    },
  };
}
