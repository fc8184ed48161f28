import type { APIContext } from 'astro';
import { trainingModeRefusal } from '../broadcast/training-policy.ts';
import { runtimeOf } from '../runtime.ts';
import { apiError, seeOther, wantsJson } from './responses.ts';

// Every route that changes one broadcast: /api/broadcasts/<id> (PATCH, DELETE) and /api/broadcasts/<id>/<action>.
const BROADCAST_ACTION = /^\/api\/broadcasts\/([^/]+)(?:\/([a-z-]+))?\/?$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Applies the training-mode policy to every state-changing broadcast route in one place, so
 * routes added later are covered too. Returns a 403 (audited) or nothing.
 */
export async function refuseAcrossTrainingMode(
  context: Pick<APIContext, 'request' | 'url' | 'locals'>,
): Promise<Response | undefined> {
  const { request, url, locals } = context;
  const match = BROADCAST_ACTION.exec(url.pathname);
  if (!match || SAFE_METHODS.has(request.method.toUpperCase()) || !locals.user) return undefined;
  const { services } = runtimeOf(locals);
  let id: string;
  try {
    id = decodeURIComponent(match[1] ?? '');
  } catch {
    return apiError(400, 'invalid-input', 'Dit adres klopt niet.');
  }
  const broadcast = await services.broadcasts.get(id);
  if (!broadcast) return undefined;
  const action = match[2] ?? request.method.toLowerCase();
  const refusal = trainingModeRefusal(locals.user.training, broadcast.training, action);
  if (!refusal) return undefined;
  await services.audit.append({
    actor: locals.user.username,
    action: 'broadcast.refused.training-mode',
    subject: `broadcast:${broadcast.id}`,
    details: { action, sessionTraining: locals.user.training, broadcastTraining: broadcast.training },
  });
  return wantsJson(request)
    ? apiError(403, 'training-mode', refusal)
    : seeOther(`/coordinator/berichten/${encodeURIComponent(broadcast.id)}/`, { fout: refusal });
}
