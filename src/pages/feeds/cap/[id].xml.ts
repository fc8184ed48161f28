import { getEntry } from 'astro:content';
import type { APIRoute } from 'astro';
import { capMessage } from '../../../server/feeds/cap-message.ts';
import { runtimeOf } from '../../../server/runtime.ts';

export const prerender = false;

/** One update published on the web as a CAP 1.2 message; exercises, drafts and email/SMS-only messages are not public. */
export const GET: APIRoute = async ({ params, locals }) => {
  const { config, services } = runtimeOf(locals);
  const broadcast = await services.broadcasts.get(params.id ?? '');
  if (broadcast?.status !== 'published' || broadcast.training || !broadcast.channels.includes('web')) {
    return new Response('Niet gevonden', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const referenced = [];
  if (broadcast.references) {
    const original = await services.broadcasts.get(broadcast.references);
    // Only what was itself on the web may be named as a reference.
    if (original?.channels.includes('web')) {
      referenced.push(
        original,
        ...(await services.broadcasts.followUps(original.id)).filter(
          (b) => b.channels.includes('web') && (b.publishedAt ?? '') < (broadcast.publishedAt ?? ''),
        ),
      );
    }
  }
  const scenario = await getEntry('scenarios', broadcast.scenario);
  const xml = capMessage(broadcast, referenced, {
    publicUrl: config.publicUrl,
    orgName: config.orgName,
    listPath: '/actueel/',
    eventName: scenario?.data.name ?? broadcast.scenario,
  });
  return new Response(xml, {
    headers: { 'Content-Type': 'application/cap+xml; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
};
