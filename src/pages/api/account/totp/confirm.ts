import type { APIRoute } from 'astro';
import { enrolSecondFactor } from '../../../../server/auth/second-factor.ts';
import { checkTotp } from '../../../../server/auth/totp.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { apiError, json, seeOther, wantsJson } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** Confirms the new authenticator app with a code from it: `{ code }` → new recovery codes, shown once. */
export const POST: APIRoute = async ({ request, locals }) => {
  const asJson = wantsJson(request);
  const input = await readInput(request);
  const { services } = runtimeOf(locals);
  const user = signedInUser(locals);
  const pending = await services.users.pendingTotp(user.id);
  const code = typeof input.code === 'string' ? input.code.replace(/\s/g, '') : '';
  const fail = (message: string) =>
    asJson
      ? apiError(422, 'invalid-code', message)
      : seeOther('/coordinator/beveiliging/#nieuwe-app', { fout: message });
  if (!pending) return fail('Er wordt geen nieuwe app gekoppeld. Begin opnieuw met Nieuwe authenticator-app koppelen.');
  const step = await checkTotp(pending, code, 0, services.clock.now());
  if (step === undefined) return fail('Deze code klopt niet. Vul de zes cijfers in die de nieuwe app nu toont.');
  const { recoveryCodes } = await enrolSecondFactor(services.users, user, pending);
  await services.users.useTotpStep(user.id, step);
  await services.audit.append({
    actor: user.username,
    action: 'user.second-factor-replaced',
    subject: `user:${user.username}`,
  });
  return asJson
    ? json(200, { recoveryCodes })
    : seeOther('/coordinator/beveiliging/', {
        melding: `De nieuwe app is gekoppeld; de oude werkt niet meer. Uw nieuwe herstelcodes (elk één keer te gebruiken; schrijf ze op, ze worden niet opnieuw getoond): ${recoveryCodes.join('  ')}`,
      });
};
