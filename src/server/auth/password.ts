import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { isCommonPassword } from './common-passwords.ts';

/**
 * scrypt parameters at OWASP's recommendation (N = 2^17, r = 8, p = 1). The hash string
 * records them, so they can be raised later without breaking existing hashes.
 */
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
// scrypt needs 128 · N · r bytes; leave headroom above that.
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS.N, PARAMS.r, PARAMS.p);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

let dummy: Promise<string> | undefined;

/**
 * A real hash of a random password, made once per process: checking a login of an unknown
 * user against it takes as long as checking a wrong password of a known one.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Passwords may be long (passphrases); beyond this we refuse, so nobody hashes a megabyte. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * Rules for a new password (NIST SP 800-63B §5.1.1.2): at least 12 characters, not a common
 * or breached one, not the user name; no rules about kinds of characters. Returns what is
 * wrong in Dutch, or nothing.
 */
export function passwordProblem(password: string, username?: string): string | undefined {
  const length = [...password].length;
  if (length < 12) return 'het wachtwoord moet minstens 12 tekens lang zijn';
  if (length > MAX_PASSWORD_LENGTH) return `het wachtwoord is te lang (maximaal ${MAX_PASSWORD_LENGTH} tekens)`;
  if (new Set(password).size < 4) return 'het wachtwoord bestaat uit te weinig verschillende tekens';
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'het wachtwoord mag de gebruikersnaam niet bevatten';
  if (isCommonPassword(password))
    return 'dit wachtwoord staat op een lijst van veelgebruikte of uitgelekte wachtwoorden; kies een ander, bijvoorbeeld een zin van een paar woorden';
  return undefined;
}

/** A random password of about 120 bits, easy to type: groups of letters and digits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(24);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return (chars.match(/.{6}/g) ?? []).join('-');
}
