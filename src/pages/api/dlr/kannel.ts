import type { APIRoute } from 'astro';
import { apiError, json } from '../../../server/http/responses.ts';
import { runtimeOf } from '../../../server/runtime.ts';
import { parseKannelDlr } from '../../../server/transports/kannel-dlr.ts';

export const prerender = false;

/** Kannel's delivery report callback: records the state on the outbox row with that key, when the signature is right. */
export const GET: APIRoute = async ({ url, locals }) => {
  const { services } = runtimeOf(locals);
  const report = parseKannelDlr(url.searchParams, services.keys.dlr);
  if (!report) return apiError(400, 'invalid-dlr', 'key en status (1, 2, 4, 8 of 16) zijn nodig.');
  if (report === 'forged')
    return apiError(
      403,
      'forged-dlr',
      'Deze ontvangstbevestiging heeft geen geldige handtekening (sig) en is geweigerd.',
    );
  const found = await services.outbox.recordDeliveryReport(report.idempotencyKey, report.state);
  return found
    ? json(200, { recorded: report.state })
    : apiError(404, 'unknown-message', 'Geen bericht met deze sleutel.');
};
