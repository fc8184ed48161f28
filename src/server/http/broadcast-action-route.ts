import type { APIRoute } from 'astro';
import type { Broadcast } from '../../schemas/broadcast.ts';
import type { Outcome } from '../broadcast/outcome.ts';
import { runtimeOf } from '../runtime.ts';
import { answer, consolePath } from './broadcast-responses.ts';
import { signedInUser } from './signed-in-user.ts';

type BodylessAction = 'approve' | 'cancel' | 'submit' | 'unsubmit';

/**
 * The route of a broadcast action without a body: runs `action` for the signed-in coordinator
 * and answers JSON with `status`, or redirects a console form with `message`.
 */
export function broadcastActionRoute(action: BodylessAction, status: number, message: string): APIRoute {
  return async ({ request, params, locals }) => {
    const { services } = runtimeOf(locals);
    const id = params.id ?? '';
    const outcome: Outcome<Broadcast> = await services.broadcastService[action](id, signedInUser(locals));
    return answer(request, outcome, { status, message, outbox: services.outbox, fallback: consolePath(id) });
  };
}
