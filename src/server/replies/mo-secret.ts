import { createHash, timingSafeEqual } from 'node:crypto';
import { BakenError } from '../../errors/baken-error.ts';

/** The shared secret gateways send with incoming SMS (BAKEN_MO_SECRET); unset: the MO routes refuse everything. */
export class MoSecretError extends BakenError {
  constructor() {
    super(
      'mo-secret-too-short',
      'BAKEN_MO_SECRET is te kort: gebruik minstens 16 tekens (bijvoorbeeld: openssl rand -hex 24).',
    );
  }
}

/** Reads BAKEN_MO_SECRET: undefined when not set; throws, without echoing it, when too short. */
export function loadMoSecret(env: Record<string, string | undefined>): string | undefined {
  const value = env.BAKEN_MO_SECRET?.trim();
  if (!value) return undefined;
  if (value.length < 16) throw new MoSecretError();
  return value;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `given` is the secret, compared in constant time: both are hashed first, so
 * neither the content nor the length of the secret leaks through the time an answer takes.
 */
export function isMoSecret(given: string | null | undefined, secret: string | undefined): boolean {
  if (secret === undefined || typeof given !== 'string' || given.length > 256) return false;
  return timingSafeEqual(digest(given), digest(secret));
}
