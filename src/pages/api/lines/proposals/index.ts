import type { APIRoute } from 'astro';
import { dutchProblems } from '../../../../schemas/input-messages.ts';
import { proposeLineSchema } from '../../../../schemas/line-proposal.ts';
import { answerLine, invalidInput, proposalPath } from '../../../../server/http/line-responses.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { json } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** The proposals not yet agreed that this editor may see. */
export const GET: APIRoute = async ({ locals }) =>
  json(200, { proposals: await runtimeOf(locals).services.lines.list(signedInUser(locals)) });

/** Proposes a new line or a change: `{slug, markdown}` → 201 `{id}`, or 422 with the lint's Dutch messages. */
export const POST: APIRoute = async ({ request, locals }) => {
  const raw = await readInput(request);
  const back = `/coordinator/lijnen/voorstellen/nieuw/${typeof raw.slug === 'string' && /^[a-z0-9-]{1,80}$/.test(raw.slug) ? `?lijn=${raw.slug}` : ''}`;
  const input = proposeLineSchema.safeParse(raw);
  if (!input.success) return invalidInput(request, dutchProblems(input.error), back);
  const outcome = await runtimeOf(locals).services.lines.propose(input.data, signedInUser(locals));
  return answerLine(request, outcome, {
    status: 201,
    message: 'Het voorstel is opgeslagen. De redacteuren van de betrokken sectoren kunnen nu tekenen.',
    location: ({ id }) => proposalPath(id),
    fallback: back,
    typed: { slug: input.data.slug, markdown: input.data.markdown },
  });
};
