import type { APIRoute } from 'astro';
import { loadCatalog, sectorIdsOf } from '../../catalog/catalog.ts';
import { routes } from '../../catalog/routes.ts';
import { buildTime } from '../../catalog/build-info.ts';

/** Machine-readable export of every line, so other systems can reuse the agreed texts. */
export const GET: APIRoute = async ({ site }) => {
  const catalog = await loadCatalog();
  const scripts = catalog.scripts.map((script) => ({
    slug: script.id,
    title: script.data.title,
    sectors: sectorIdsOf(script, catalog),
    all_sectors: script.data.sectors === 'alle-sectoren',
    scenario: script.data.scenario,
    audience: script.data.audience,
    status: script.data.status,
    version: script.data.version,
    vastgesteld_door: script.data.vastgesteld_door ?? null,
    vastgesteld_op: script.data.vastgesteld_op ?? null,
    geldig_tot: script.data.geldig_tot,
    url: new URL(routes.script(script.id), site).href,
    /** Every version with what changed per section and who agreed it, on the line's page. */
    history: new URL(routes.scriptHistory(script.id), site).href,
    sms: { text: script.data.sms.text, max_segments: script.data.sms.max_segments },
    email_subject: script.data.email_subject,
    ...(script.data.question && {
      question: script.data.question.kind,
      answers: script.data.question.answers.map((answer) => answer.keyword),
    }),
  }));
  return new Response(JSON.stringify({ generated: buildTime.toISOString(), count: scripts.length, scripts }, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
