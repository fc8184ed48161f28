/**
 * Passkeys in the console: adding one on the Beveiliging page, and using one as the second
 * step on the login page. Without JavaScript (or WebAuthn) both pages work with codes only.
 */
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

function say(status: HTMLElement | null, message: string): void {
  if (status) status.textContent = message;
}

async function addPasskey(button: HTMLButtonElement, status: HTMLElement | null): Promise<void> {
  const password = document.querySelector<HTMLInputElement>('#passkey-wachtwoord');
  if (!password?.value) {
    say(status, 'Vul eerst uw wachtwoord in.');
    password?.focus();
    return;
  }
  button.disabled = true;
  try {
    const options = await fetch('/api/account/passkeys/options', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ password: password.value }),
    });
    if (!options.ok) throw new Error(((await options.json()) as { error: { message: string } }).error.message);
    say(status, 'Volg de stappen van uw browser of sleutel.');
    const answer = await startRegistration({ optionsJSON: await options.json() });
    const saved = await fetch('/api/account/passkeys', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(answer),
    });
    if (!saved.ok) throw new Error(((await saved.json()) as { error: { message: string } }).error.message);
    say(status, 'De passkey is toegevoegd.');
    window.location.reload();
  } catch (error) {
    say(
      status,
      error instanceof Error && error.name === 'NotAllowedError'
        ? 'Toevoegen is afgebroken. Probeer het opnieuw.'
        : `Niet gelukt: ${error instanceof Error ? error.message : 'onbekende fout'}`,
    );
  } finally {
    button.disabled = false;
  }
}

/** Logs in through the JSON API, so the server can ask for a passkey after the password. */
async function logIn(form: HTMLFormElement, status: HTMLElement | null): Promise<void> {
  const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
  const post = (body: Record<string, unknown>) =>
    fetch('/api/session', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
  const credentials = { username: data.username, password: data.password };
  let response = await post(data.code ? { ...credentials, code: data.code } : credentials);
  let answer = (await response.json()) as {
    error?: { code: string; message: string };
    passkey?: Parameters<typeof startAuthentication>[0]['optionsJSON'];
  };
  if (response.status === 401 && answer.error?.code === 'mfa-required' && answer.passkey) {
    say(status, 'Gebruik uw passkey, of vul de code uit uw authenticator-app in.');
    try {
      const passkey = await startAuthentication({ optionsJSON: answer.passkey });
      response = await post({ ...credentials, passkey });
      answer = (await response.json()) as typeof answer;
    } catch {
      say(status, 'De passkey is niet gebruikt. Vul de code uit uw authenticator-app in en klik opnieuw op Inloggen.');
      document.getElementById('code')?.focus();
      return;
    }
  }
  if (response.ok) {
    window.location.assign(
      data.terug && /^\/coordinator(\/[\w\-/]*)?$/.test(data.terug) ? data.terug : '/coordinator/',
    );
    return;
  }
  say(status, answer.error?.message ?? 'Inloggen is niet gelukt.');
  if (answer.error?.code === 'mfa-required') document.getElementById('code')?.focus();
}

if (browserSupportsWebAuthn()) {
  const add = document.querySelector<HTMLButtonElement>('[data-passkey-add]');
  if (add) {
    for (const hidden of document.querySelectorAll<HTMLElement>('[data-passkey-only]')) hidden.hidden = false;
    add.addEventListener('click', () => void addPasskey(add, document.getElementById('passkey-status')));
  }
  const form = document.querySelector<HTMLFormElement>('[data-passkey-login]');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    void logIn(form, document.getElementById('login-status'));
  });
}
