import { generate, generateSecret, generateURI, verify } from 'otplib';

const PERIOD_S = 30;

/** A new random TOTP secret (base32, 160 bits), for an authenticator app. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://totp/…` address an authenticator app reads (as text or as a QR code). */
export function totpUri(username: string, secret: string, issuer = 'Baken'): string {
  return generateURI({ issuer, label: username, secret });
}

/**
 * Checks a 6-digit code, allowing one step of clock drift either way. Returns the time step
 * it belongs to, or `undefined`. A code of a step at or before `afterStep` (one used
 * already) is refused, so an overheard code cannot be used again.
 */
export async function checkTotp(
  secret: string,
  code: string,
  afterStep: number,
  now: Date,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: PERIOD_S,
    afterTimeStep: afterStep,
    period: PERIOD_S,
  });
  return result.valid && 'timeStep' in result ? Number(result.timeStep) : undefined;
}

/** The current code for a secret, as an authenticator app shows it (for scripts and tests that log in). */
export function totpCode(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000), period: PERIOD_S });
}
