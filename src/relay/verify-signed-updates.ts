import type { KeyObject } from 'node:crypto';
import { formatDateTime } from '../catalog/format-date-time.ts';
import {
  type SignedEnvelope,
  signedEnvelopeSchema,
  type UpdatesDocument,
  updatesDocumentSchema,
} from '../schemas/signed-updates.ts';
import { formatZodIssues } from './format-issues.ts';
import { signatureMatches } from './signing-key.ts';

/** What a relay already holds, to refuse older copies (replays). */
export interface HeldVersion {
  sequence: number;
  signedAt: string;
}

export type Verification =
  | { ok: true; envelope: SignedEnvelope; document: UpdatesDocument }
  | {
      ok: false;
      code: 'not-signed-updates' | 'other-key' | 'bad-signature' | 'bad-document' | 'replay';
      reason: string;
    };

/**
 * Checks a signed updates envelope (the text of `/feeds/signed-updates.json`) against the
 * one key the relay trusts, and against what it already holds. Every refusal has a Dutch
 * reason for the log and the page. Nothing in the document is read before the signature
 * over its exact bytes has been checked.
 */
export function verifySignedUpdates(
  text: string,
  trusted: { key: KeyObject; keyId: string },
  held: HeldVersion | undefined,
): Verification {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      code: 'not-signed-updates',
      reason: 'het antwoord is geen JSON en dus geen ondertekend berichtenoverzicht',
    };
  }
  const envelope = signedEnvelopeSchema.safeParse(raw);
  if (!envelope.success)
    return {
      ok: false,
      code: 'not-signed-updates',
      reason: `het antwoord is geen ondertekend berichtenoverzicht (${formatZodIssues(envelope.error.issues)})`,
    };
  const { keyId, document: documentText, signature } = envelope.data;
  if (keyId !== trusted.keyId) {
    return {
      ok: false,
      code: 'other-key',
      reason: `ondertekend met een andere sleutel (${keyId}) dan die van de centrale hub (${trusted.keyId})`,
    };
  }
  if (!signatureMatches(documentText, signature, trusted.key)) {
    return {
      ok: false,
      code: 'bad-signature',
      reason:
        'de handtekening klopt niet: de berichten zijn onderweg veranderd of niet door de centrale hub ondertekend',
    };
  }
  let parsedDocument: unknown;
  try {
    parsedDocument = JSON.parse(documentText);
  } catch {
    return { ok: false, code: 'bad-document', reason: 'de ondertekende inhoud is geen JSON' };
  }
  const document = updatesDocumentSchema.safeParse(parsedDocument);
  if (!document.success)
    return {
      ok: false,
      code: 'bad-document',
      reason: `de ondertekende inhoud klopt niet (${formatZodIssues(document.error.issues)})`,
    };
  const { sequence, signedAt } = document.data;
  if (
    held &&
    (sequence < held.sequence || (sequence === held.sequence && Date.parse(signedAt) < Date.parse(held.signedAt)))
  ) {
    return {
      ok: false,
      code: 'replay',
      reason: `dit is een oudere versie (volgnummer ${sequence}, ondertekend op ${formatDateTime(new Date(signedAt))}) dan de berichten die hier al staan (volgnummer ${held.sequence}, ondertekend op ${formatDateTime(new Date(held.signedAt))})`,
    };
  }
  return { ok: true, envelope: envelope.data, document: document.data };
}
