import { broadcastActionRoute } from '../../../../server/http/broadcast-action-route.ts';

export const prerender = false;

/** Approval by a different coordinator publishes the broadcast; self-approval is refused with 403. */
export const POST = broadcastActionRoute('approve', 200, 'Goedgekeurd en verstuurd.');
