import { markdownToText } from '../../catalog/markdown-to-text.ts';
import type { Broadcast, BroadcastTexts } from '../../schemas/broadcast.ts';
import { isPlaceholderName, PLACEHOLDER_LABEL } from '../../schemas/placeholders.ts';
import { REPLY_PAGE_LINE } from '../replies/reply-page-link.ts';
import { fillPlaceholders } from './fill-placeholders.ts';
import type { ComposableScript } from './script-source.ts';

/** Every message of an exercise starts with this word, on every channel. */
export const TRAINING_PREFIX = 'OEFENING';

function markTraining(texts: BroadcastTexts, training: boolean): BroadcastTexts {
  if (!training) return texts;
  const prefix = `${TRAINING_PREFIX}: `;
  return {
    title: prefix + texts.title,
    webBody: `${TRAINING_PREFIX}: dit bericht is een oefening.\n\n${texts.webBody}`,
    emailSubject: prefix + texts.emailSubject,
    emailText: `${TRAINING_PREFIX}: dit bericht is een oefening.\n\n${texts.emailText}`,
    smsText: prefix + texts.smsText,
  };
}

const stripTraining = (text: string) =>
  text.startsWith(`${TRAINING_PREFIX}: `) ? text.slice(TRAINING_PREFIX.length + 2) : text;

/** Texts of a new alert: the script's agreed lines with the placeholders filled in. */
export function composeAlert(
  script: ComposableScript,
  fields: Record<string, string>,
  training: boolean,
): BroadcastTexts {
  const fill = (text: string) => fillPlaceholders(text, fields);
  // Only the public sections go out; staff instructions have their own section and stay home.
  const body = [
    markdownToText(fill(script.kernboodschap)),
    `Wat kunt u doen?\n${markdownToText(fill(script.handelingsperspectief))}`,
    script.nextUpdate,
  ]
    .filter(Boolean)
    .join('\n\n');
  return markTraining(
    {
      title: fill(script.emailSubject),
      webBody: body,
      emailSubject: fill(script.emailSubject),
      // A question's email ends with the recipient's own reply page (filled in per message by the outbox).
      emailText: script.question ? `${body}\n\n${REPLY_PAGE_LINE}` : body,
      smsText: fill(script.smsText),
    },
    training,
  );
}

/** The script texts an alert is made of; only their placeholders are asked for and stored. */
export function alertTemplates(script: ComposableScript): string[] {
  return [script.smsText, script.emailSubject, script.kernboodschap, script.handelingsperspectief];
}

/** One changed field of a correction: what it was and what it becomes. */
export interface FieldChange {
  field: string;
  label: string;
  was: string;
  becomes: string;
}

/** The fields whose value differs between the original and the correction, in the script's order. */
export function fieldChanges(
  script: ComposableScript,
  before: Record<string, string>,
  after: Record<string, string>,
): FieldChange[] {
  return Object.entries(after)
    .filter(([field, becomes]) => (before[field] ?? '') !== becomes)
    .map(([field, becomes]) => ({ field, label: labelFor(script, field), was: before[field] ?? '', becomes }));
}

function labelFor(script: ComposableScript, field: string): string {
  return script.fieldLabels[field] ?? (isPlaceholderName(field) ? PLACEHOLDER_LABEL[field] : field);
}

/**
 * Texts of a correction. The script's agreed opening line (its `{tijd}` is when the original
 * was published) is followed by every changed field as "was → wordt", so the text is true
 * whichever field was wrong. Web and email then repeat the whole message as it now holds.
 */
export function composeCorrection(
  script: ComposableScript,
  original: Broadcast,
  fields: Record<string, string>,
  originalPublishedText: string,
): BroadcastTexts {
  const opening = fillPlaceholders(script.correction, { tijd: originalPublishedText });
  const changes = fieldChanges(script, original.fields, fields);
  const short = changes.map((c) => `${c.label}: ${c.becomes} (niet: ${c.was}).`).join(' ');
  const lines = changes.map((c) => `- ${c.label}: ${c.becomes} (eerder stond er: ${c.was})`).join('\n');
  const corrected = composeAlert(script, fields, false);
  const body = `${opening}\n\nWat is er veranderd?\n${lines}\n\nHet bericht zoals het nu geldt:\n\n${corrected.webBody}`;
  return markTraining(
    {
      title: `Correctie: ${corrected.title}`,
      webBody: body,
      emailSubject: `Correctie: ${corrected.emailSubject}`,
      emailText: body,
      smsText: `${opening} ${short}`,
    },
    original.training,
  );
}

/** Texts of a withdrawal: the original no longer holds. */
export function composeCancellation(original: Broadcast, publishedAtText: string): BroadcastTexts {
  const title = stripTraining(original.title);
  const text = `Ons bericht "${title}" van ${publishedAtText} is ingetrokken. Dit bericht geldt niet meer.`;
  return markTraining(
    {
      title: `Ingetrokken: ${title}`,
      webBody: text,
      emailSubject: `Ingetrokken: ${stripTraining(original.emailSubject)}`,
      emailText: text,
      smsText: text,
    },
    original.training,
  );
}
