import type { APIRoute } from 'astro';
import { receiveMo } from '../../../server/http/mo-route.ts';

export const prerender = false;

/**
 * Kannel's smsbox `sms-service` calls this with `get-url`
 * (`/api/mo/kannel?from=%p&to=%P&text=%a&secret=…`) for every incoming SMS. Set
 * `max-messages = 0` there: Baken sends its automatic replies through the outbox, not in this answer.
 */
export const GET: APIRoute = ({ url, locals }) =>
  receiveMo(
    locals,
    'kannel',
    url.searchParams.get('secret'),
    url.searchParams.get('from'),
    url.searchParams.get('text') ?? '',
  );
