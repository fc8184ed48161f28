import type { LoginService } from '../auth/login.ts';
import type { User } from '../auth/user-store.ts';
import { apiError, seeOther } from './responses.ts';

const MESSAGES: Record<string, string> = {
  throttled: 'Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw.',
  busy: 'Er wordt nu op veel plaatsen tegelijk ingelogd. Probeer het over een paar seconden opnieuw.',
  invalid: 'Het wachtwoord klopt niet. De tweede stap is niet gewijzigd.',
};

/**
 * Before a change to the second factor: the current password, checked and throttled like a
 * login. Returns nothing when it is right, or the answer to send (JSON or back to the page).
 */
export async function refuseWithoutPassword(
  login: LoginService,
  user: User,
  password: unknown,
  ip: string,
  asJson: boolean,
): Promise<Response | undefined> {
  const outcome =
    typeof password === 'string' && password.length > 0 && password.length <= 1024
      ? await login.confirmPassword(user.username, password, ip)
      : 'invalid';
  if (outcome === 'ok') return undefined;
  const message = MESSAGES[outcome] ?? MESSAGES.invalid ?? '';
  return asJson
    ? apiError(outcome === 'throttled' ? 429 : outcome === 'busy' ? 503 : 403, 'password-required', message)
    : seeOther('/coordinator/beveiliging/', { fout: message });
}
