import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSigningKey, readPublicKeyFile, SigningKeyError } from '../../src/relay/signing-key-fs.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baken-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ensureSigningKey (the hub key pair in the data folder)', () => {
  it('makes the key pair once, with the private key readable by the owner only, and keeps it', () => {
    const dataDir = tempDir();
    const first = ensureSigningKey(dataDir);
    expect(statSync(join(dataDir, 'signing', 'private-key.pem')).mode & 0o777).toBe(0o600);
    const second = ensureSigningKey(dataDir);
    expect(second.keyId).toBe(first.keyId);
    const { file } = readPublicKeyFile(first.publicKeyPath);
    expect(file.keyId).toBe(first.keyId);
  });

  it('says in Dutch what to do with a public key file that is missing or was tampered with', () => {
    const dataDir = tempDir();
    expect(() => readPublicKeyFile(join(dataDir, 'geen.json'))).toThrow(/ontbreekt of is geen JSON/);
    const { publicKeyPath } = ensureSigningKey(dataDir);
    const file = JSON.parse(readFileSync(publicKeyPath, 'utf8'));
    writeFileSync(publicKeyPath, JSON.stringify({ ...file, keyId: '0000000000000000' }));
    expect(() => readPublicKeyFile(publicKeyPath)).toThrow(SigningKeyError);
  });
});
