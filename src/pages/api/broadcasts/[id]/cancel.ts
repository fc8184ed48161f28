import { broadcastActionRoute } from '../../../../server/http/broadcast-action-route.ts';

export const prerender = false;

/** Starts a withdrawal draft (CAP Cancel) for a published broadcast → 201. */
export const POST = broadcastActionRoute('cancel', 201, 'Intrekking klaargezet. Bied hem aan ter goedkeuring.');
