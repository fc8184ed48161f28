import type { APIRoute } from 'astro';
import { csvCell as cell } from '../../../../server/http/csv-cell.ts';
import { apiError } from '../../../../server/http/responses.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** Delivery of every message of a broadcast as CSV, for the coordinator's records. */
export const GET: APIRoute = async ({ params, locals }) => {
  const { services } = runtimeOf(locals);
  const broadcast = await services.broadcasts.get(params.id ?? '');
  if (!broadcast) return apiError(404, 'unknown-broadcast', 'Dit bericht bestaat niet.');
  const header = [
    'id',
    'kanaal',
    'adres',
    'status',
    'pogingen',
    'aanbieder',
    'verstuurd',
    'ontvangstbevestiging',
    'fout',
  ];
  const rows = (await services.outbox.all(broadcast.id)).map((r) =>
    [
      r.id,
      r.channel,
      r.address,
      r.status,
      r.attempts,
      r.provider,
      r.sentAt ? new Date(r.sentAt).toISOString() : '',
      r.deliveryReport,
      r.lastError,
    ]
      .map(cell)
      .join(','),
  );
  return new Response(`${[header.map(cell).join(','), ...rows].join('\r\n')}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bezorging-${broadcast.id}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
};
