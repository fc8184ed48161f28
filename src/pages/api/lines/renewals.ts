import type { APIRoute } from 'astro';
import { dutchProblems } from '../../../schemas/input-messages.ts';
import { renewLineSchema } from '../../../schemas/line-proposal.ts';
import { answerLine, invalidInput, proposalPath } from '../../../server/http/line-responses.ts';
import { readInput } from '../../../server/http/read-input.ts';
import { signedInUser } from '../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../server/runtime.ts';

export const prerender = false;

/** Proposes to agree a line again unchanged for one more year: `{slug}` → 201 `{id}`; the same sign-off rule applies. */
export const POST: APIRoute = async ({ request, locals }) => {
  const input = renewLineSchema.safeParse(await readInput(request));
  if (!input.success) return invalidInput(request, dutchProblems(input.error), '/coordinator/lijnen/');
  const outcome = await runtimeOf(locals).services.lines.renew(input.data.slug, signedInUser(locals));
  return answerLine(request, outcome, {
    status: 201,
    message: 'Verlengen is voorgesteld. De redacteuren van de betrokken sectoren kunnen nu tekenen.',
    location: ({ id }) => proposalPath(id),
    fallback: '/coordinator/lijnen/',
  });
};
