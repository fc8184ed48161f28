import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import {
  type PublicKeyFile,
  SIGNED_UPDATES_FORMAT,
  type SignedEnvelope,
  type UpdatesDocument,
} from '../schemas/signed-updates.ts';

/** Names a public key: the first 16 hex digits of the SHA-256 of its SPKI DER bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The contents of `public-key.json` for a key. */
export function publicKeyFile(publicKey: KeyObject, createdAt: Date): PublicKeyFile {
  return {
    algorithm: 'Ed25519',
    keyId: keyIdOf(publicKey),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    createdAt: createdAt.toISOString(),
  };
}

/** The key a `public-key.json` describes. */
export function publicKeyFromFile(file: PublicKeyFile): KeyObject {
  return createPublicKey({ key: Buffer.from(file.publicKey, 'base64'), format: 'der', type: 'spki' });
}

/** Signs an updates document: the JSON text is signed byte for byte, and sent as that same text. */
export function signUpdates(document: UpdatesDocument, privateKey: KeyObject): SignedEnvelope {
  const text = JSON.stringify(document);
  return {
    format: SIGNED_UPDATES_FORMAT,
    algorithm: 'Ed25519',
    keyId: keyIdOf(createPublicKey(privateKey)),
    document: text,
    signature: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}

/** True when `signature` is an Ed25519 signature of `text` by `publicKey`. */
export function signatureMatches(text: string, signature: string, publicKey: KeyObject): boolean {
  const bytes = Buffer.from(signature, 'base64');
  return bytes.length === 64 && verify(null, Buffer.from(text, 'utf8'), publicKey, bytes);
}
