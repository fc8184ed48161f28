import type { APIRoute } from 'astro';
import { newTotpSecret, totpUri } from '../../../../server/auth/totp.ts';
import { refuseWithoutPassword } from '../../../../server/http/confirm-password.ts';
import { readInput } from '../../../../server/http/read-input.ts';
import { json, seeOther, wantsJson } from '../../../../server/http/responses.ts';
import { signedInUser } from '../../../../server/http/signed-in-user.ts';
import { runtimeOf } from '../../../../server/runtime.ts';

export const prerender = false;

/** Starts linking a new authenticator app: `{ password }` → a new secret, pending until a code confirms it. */
export const POST: APIRoute = async ({ request, locals, clientAddress }) => {
  const asJson = wantsJson(request);
  const input = await readInput(request);
  const user = signedInUser(locals);
  const refused = await refuseWithoutPassword(
    runtimeOf(locals).services.login,
    user,
    input.password,
    clientAddress,
    asJson,
  );
  if (refused) return refused;
  const secret = newTotpSecret();
  await runtimeOf(locals).services.users.setPendingTotp(user.id, secret);
  return asJson
    ? json(200, { otpauthUri: totpUri(user.username, secret), secret })
    : seeOther('/coordinator/beveiliging/#nieuwe-app', {
        melding: 'Zet de nieuwe sleutel in uw authenticator-app en vul daarna de code uit de app in.',
      });
};
