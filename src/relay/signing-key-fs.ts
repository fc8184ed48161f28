import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BakenError } from '../errors/baken-error.ts';
import { type PublicKeyFile, publicKeyFileSchema } from '../schemas/signed-updates.ts';
import { formatZodIssues } from './format-issues.ts';
import { keyIdOf, publicKeyFile, publicKeyFromFile } from './signing-key.ts';

/** Folder inside the data folder that holds the hub's key pair. */
export const SIGNING_DIR = 'signing';
/** The private key (PKCS#8 PEM), readable by the owner only (mode 0600). */
export const PRIVATE_KEY_FILE = 'private-key.pem';
/** The public key as JSON (`PublicKeyFile`); relays trust what this file names. */
export const PUBLIC_KEY_FILE = 'public-key.json';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** Path of public-key.json. */
  publicKeyPath: string;
}

/** A key file is missing or unreadable; the message says which file and what to do. */
export class SigningKeyError extends BakenError {
  constructor(message: string) {
    super('signing-key-invalid', message);
  }
}

/**
 * Loads the hub's Ed25519 key pair from `<dataDir>/signing/`, making it the first time the
 * folder is used. The private key file is created exclusively with mode 0600, so two
 * processes starting at once end with one key, and no other user can read it.
 */
export function ensureSigningKey(dataDir: string, now: Date = new Date()): SigningKey {
  const dir = join(dataDir, SIGNING_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicKeyPath = join(dir, PUBLIC_KEY_FILE);
  let fd: number | undefined;
  try {
    fd = openSync(privatePath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (fd !== undefined) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    } finally {
      closeSync(fd);
    }
    // The umask may have narrowed the mode further, never widened it; make it exact.
    chmodSync(privatePath, 0o600);
    const temp = `${publicKeyPath}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(publicKeyFile(createPublicKey(privateKey), now), null, 2)}\n`);
    renameSync(temp, publicKeyPath);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(privatePath));
  } catch {
    throw new SigningKeyError(
      `De ondertekensleutel ${privatePath} is leeg of kapot. Zet hem terug uit een reservekopie, of verwijder hem zodat Baken een nieuwe maakt (relays moeten dan de nieuwe publieke sleutel krijgen).`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${privatePath} is geen Ed25519-sleutel.`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPath };
}

/** Reads a `public-key.json` (of a central hub) with a Dutch message when it is missing or wrong. */
export function readPublicKeyFile(path: string): { file: PublicKeyFile; key: KeyObject } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new SigningKeyError(
      `De publieke sleutel van de centrale hub (${path}) ontbreekt of is geen JSON. Kopieer public-key.json uit de map signing/ van de centrale hub.`,
    );
  }
  const parsed = publicKeyFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new SigningKeyError(`${path} is geen geldige publieke sleutel: ${formatZodIssues(parsed.error.issues)}`);
  const key = publicKeyFromFile(parsed.data);
  if (keyIdOf(key) !== parsed.data.keyId)
    throw new SigningKeyError(
      `${path}: het sleutelnummer past niet bij de sleutel. Kopieer het bestand opnieuw van de centrale hub.`,
    );
  return { file: parsed.data, key };
}
