import type { APIRoute } from 'astro';
import { csvCell } from '../../../../server/http/csv-cell.ts';
import { apiError } from '../../../../server/http/responses.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

const ROLE = { chosen: 'gekozen', reserve: 'reserve' } as const;

/** Who was asked, in which pool, what they answered last and when: the tally of a call-up or roll-call as CSV. */
export const GET: APIRoute = async ({ params, locals }) => {
  const view = await runtimeOf(locals).questions.view(params.id ?? '');
  if (!view) return apiError(404, 'unknown-question', 'Dit bericht stelt geen vraag.');
  const header = ['naam', 'pool', 'antwoord', 'tekst', 'tijd', 'rol'];
  const rows = view.people.map((person) =>
    [
      person.name,
      person.pool,
      person.answer === null ? 'geen antwoord' : person.answer === 'unclear' ? 'onduidelijk' : person.answer,
      person.text,
      person.at === null ? '' : new Date(person.at).toISOString(),
      person.role ? ROLE[person.role] : '',
    ]
      .map(csvCell)
      .join(','),
  );
  return new Response(`${[header.map(csvCell).join(','), ...rows].join('\r\n')}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="antwoorden-${params.id}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
};
