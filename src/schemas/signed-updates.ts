// zod/mini, not zod: these schemas are bundled into the bundle's serve.mjs, where the full
// zod would add some 700 KB; mini adds a few.
import * as z from 'zod/mini';

/** Format name in every signed envelope, so a relay never mistakes another JSON file for one. */
export const SIGNED_UPDATES_FORMAT = 'baken-signed-updates/1';

/** One public update as the central hub passes it on to relays. */
export const relayedUpdateSchema = z.strictObject({
  /** Id of the broadcast on the central hub. */
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  /** CAP message type: a new alert, a correction (update) or a withdrawal (cancel). */
  type: z.enum(['alert', 'update', 'cancel']),
  /** Is it still current, corrected, withdrawn, or itself a withdrawal notice? */
  state: z.enum(['active', 'corrected', 'withdrawn', 'notice']),
  /** Title as published. */
  title: z.string().check(z.minLength(1), z.maxLength(500)),
  /** Plain text; paragraphs separated by blank lines. */
  text: z.string().check(z.maxLength(20_000)),
  /** When it was published (ISO 8601). */
  publishedAt: z.iso.datetime(),
  /** Id of the update this one corrects or withdraws. */
  references: z.nullable(z.string().check(z.maxLength(100))),
  /** Id of the newest correction or withdrawal of this update. */
  replacedBy: z.nullable(z.string().check(z.maxLength(100))),
  /** Area the update is about, in words. */
  area: z.string().check(z.maxLength(200)),
});
export type RelayedUpdate = z.infer<typeof relayedUpdateSchema>;

/** The signed document: what the central hub published, numbered so a relay can refuse older copies. */
export const updatesDocumentSchema = z.strictObject({
  /** Public address of the central hub that signed it. */
  hub: z.url(),
  /**
   * Grows with every public update the hub publishes (a correction or withdrawal is one too).
   * A relay refuses a document with a lower number than the one it holds: a replay.
   */
  sequence: z.int().check(z.minimum(0)),
  /** When the hub signed it (ISO 8601). */
  signedAt: z.iso.datetime(),
  /** The newest public updates, newest first. */
  updates: z.array(relayedUpdateSchema).check(z.maxLength(500)),
});
export type UpdatesDocument = z.infer<typeof updatesDocumentSchema>;

/** What `/feeds/signed-updates.json` sends: the document as a string and an Ed25519 signature over its exact UTF-8 bytes. */
export const signedEnvelopeSchema = z.strictObject({
  format: z.literal(SIGNED_UPDATES_FORMAT),
  algorithm: z.literal('Ed25519'),
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
  /** The JSON text of an updates document, signed byte for byte. */
  document: z.string().check(z.maxLength(5_000_000)),
  /** Base64 Ed25519 signature (64 bytes). */
  signature: z.string().check(z.regex(/^[A-Za-z0-9+/]{86}==$/)),
});
export type SignedEnvelope = z.infer<typeof signedEnvelopeSchema>;

/** A public key file (`public-key.json`): how a relay knows which hub to trust. */
export const publicKeyFileSchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  keyId: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
  /** Base64 SPKI DER of the public key. */
  publicKey: z.string().check(z.minLength(1), z.maxLength(200)),
  /** When the key pair was made (ISO 8601). */
  createdAt: z.iso.datetime(),
});
export type PublicKeyFile = z.infer<typeof publicKeyFileSchema>;
