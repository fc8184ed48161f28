import type { APIRoute } from 'astro';
import { seeOther } from '../../../server/http/responses.ts';
import { DELETE } from '../session.ts';

export const prerender = false;

/** Logout from an HTML form (forms cannot send DELETE). */
export const POST: APIRoute = async (context) => {
  await DELETE(context);
  return seeOther('/coordinator/inloggen/', { melding: 'U bent uitgelogd.' });
};
