import { findPlaceholders, isPlaceholderName, PLACEHOLDER_MAX_LENGTH } from '../schemas/placeholders.ts';
import type { LintProblem, ScriptEntry } from './types.ts';

const allowed = Object.keys(PLACEHOLDER_MAX_LENGTH).map((name) => `{${name}}`).join(', ');

/** Only known `{placeholders}` may be used in the texts a coordinator sends. */
export function checkPlaceholders(entry: ScriptEntry): LintProblem[] {
  const fields: Array<[string, string]> = [
    ['sms.text', entry.data.sms.text],
    ['email_subject', entry.data.email_subject],
    ['correction', entry.data.correction],
    ['body', entry.body],
  ];
  return fields.flatMap(([field, text]) =>
    [...new Set(findPlaceholders(text))]
      .filter((name) => !isPlaceholderName(name))
      .map((name) => ({ file: entry.file, field, message: `onbekend invulveld {${name}}; toegestaan zijn ${allowed}` })),
  );
}
