import type { Broadcast, BroadcastTexts } from '../../schemas/broadcast.ts';
import { fillPlaceholders } from './fill-placeholders.ts';
import { markdownToText } from './markdown-to-text.ts';
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

const stripTraining = (text: string) => (text.startsWith(`${TRAINING_PREFIX}: `) ? text.slice(TRAINING_PREFIX.length + 2) : text);

/** Texts of a new alert: the script's agreed lines with the placeholders filled in. */
export function composeAlert(script: ComposableScript, fields: Record<string, string>, training: boolean): BroadcastTexts {
  const fill = (text: string) => fillPlaceholders(text, fields);
  const body = `${markdownToText(fill(script.kernboodschap))}\n\nWat kunt u doen?\n${markdownToText(fill(script.handelingsperspectief))}`;
  return markTraining({ title: fill(script.emailSubject), webBody: body, emailSubject: fill(script.emailSubject), emailText: body, smsText: fill(script.smsText) }, training);
}

/** Texts of a correction: the script's agreed correction text, referring to the original. */
export function composeCorrection(script: ComposableScript, original: Broadcast, fields: Record<string, string>): BroadcastTexts {
  const text = fillPlaceholders(script.correction, fields);
  return markTraining(
    {
      title: `Correctie: ${stripTraining(original.title)}`,
      webBody: text,
      emailSubject: `Correctie: ${stripTraining(original.emailSubject)}`,
      emailText: text,
      smsText: text,
    },
    original.training,
  );
}

/** Texts of a withdrawal: the original no longer holds. */
export function composeCancellation(original: Broadcast, publishedAtText: string): BroadcastTexts {
  const title = stripTraining(original.title);
  const text = `Ons bericht "${title}" van ${publishedAtText} is ingetrokken. Dit bericht geldt niet meer.`;
  return markTraining(
    { title: `Ingetrokken: ${title}`, webBody: text, emailSubject: `Ingetrokken: ${stripTraining(original.emailSubject)}`, emailText: text, smsText: text },
    original.training,
  );
}
