import { broadcastActionRoute } from '../../../../server/http/broadcast-action-route.ts';

export const prerender = false;

/** Sends a draft for approval by a second coordinator. */
export const POST = broadcastActionRoute(
  'submit',
  200,
  'Aangeboden ter goedkeuring. Een andere coördinator moet het bericht nu goedkeuren.',
);
