import { broadcastActionRoute } from '../../../../server/http/broadcast-action-route.ts';

export const prerender = false;

/** The author takes a submission back to change it: submitted → draft (200). */
export const POST = broadcastActionRoute(
  'unsubmit',
  200,
  'De aanbieding is teruggetrokken. U kunt het concept weer wijzigen.',
);
