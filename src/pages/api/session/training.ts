import type { APIRoute } from 'astro';
import { readInput } from '../../../server/http/read-input.ts';
import { json, seeOther, wantsJson } from '../../../server/http/responses.ts';
import { signedInSession, signedInUser } from '../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../server/runtime.ts';

export const prerender = false;

/** Switches training mode (oefenmodus) for this session: `{ training: true | false }`. */
export const POST: APIRoute = async ({ request, locals }) => {
  const input = await readInput(request);
  const training = input.training === true;
  const { services } = runtimeOf(locals);
  await services.sessions.setTraining(signedInSession(locals), training);
  await services.audit.append({
    actor: signedInUser(locals).username,
    action: training ? 'training.on' : 'training.off',
    subject: `user:${signedInUser(locals).username}`,
  });
  return wantsJson(request)
    ? json(200, { training })
    : seeOther('/coordinator/', { melding: training ? 'Oefenmodus staat aan.' : 'Oefenmodus staat uit.' });
};
