import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in the data folder holding the hub's master key (32 random bytes, mode 0600). */
export const SECRET_KEY_FILE = 'secret.key';

/**
 * Keys the hub derives from one master key that is kept out of the database: a copy of
 * the database alone (a backup, a leaked file) can neither forge audit entries, nor open
 * personal links, nor send delivery reports.
 */
export interface SecretKeys {
  /** HMAC key of the audit log chain. */
  audit: Buffer;
  /** Signs personal links (my data, unsubscribe) and confirmation codes. */
  links: Buffer;
  /** Secret in the delivery-report URL given to Kannel. */
  dlr: Buffer;
}

function derive(master: Buffer, label: string): Buffer {
  return createHmac('sha256', master).update(`baken:${label}`).digest();
}

/** A fingerprint of the keys that reveals nothing of them, to compare keys between machines. */
export function keyFingerprint(keys: SecretKeys): string {
  return createHmac('sha256', keys.audit).update('baken:fingerprint').digest('hex').slice(0, 32);
}

export function deriveKeys(master: Buffer): SecretKeys {
  return { audit: derive(master, 'audit'), links: derive(master, 'links'), dlr: derive(master, 'dlr') };
}

/**
 * Reads the master key from `<dataDir>/secret.key`, making it on first use. The key is
 * written to a private file first and then linked into place, which fails when the name
 * exists: of several processes starting at once, one wins and the others read its key.
 */
export function loadSecretKeys(dataDir: string): SecretKeys {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SECRET_KEY_FILE);
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  chmodSync(path, 0o600);
  const master = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (master.length < 32) throw new Error(`${path} bevat geen geldige sleutel (32 bytes, base64).`);
  return deriveKeys(master);
}

/** Keys for an in-memory database (tests): fresh each time, never written anywhere. */
export function memorySecretKeys(): SecretKeys {
  return deriveKeys(randomBytes(32));
}
