import { findSection } from '../catalog/split-sections.ts';
import { findPlaceholders, isPlaceholderName, PLACEHOLDER_MAX_LENGTH } from '../schemas/placeholders.ts';
import type { LintProblem, ScriptEntry } from './types.ts';

const allowed = Object.keys(PLACEHOLDER_MAX_LENGTH)
  .map((name) => `{${name}}`)
  .join(', ');

/** Only known `{placeholders}` may be used in the texts a coordinator sends. */
export function checkPlaceholders(entry: ScriptEntry): LintProblem[] {
  const fields: Array<[string, string]> = [
    ['sms.text', entry.data.sms.text],
    ['email_subject', entry.data.email_subject],
    ['correction', entry.data.correction],
    ['body', entry.body],
  ];
  const unknown = fields.flatMap(([field, text]) =>
    [...new Set(findPlaceholders(text))]
      .filter((name) => !isPlaceholderName(name))
      .map((name) => ({
        file: entry.file,
        field,
        message: `onbekend invulveld {${name}}; toegestaan zijn ${allowed}`,
      })),
  );
  // The correction's opening line must hold whichever field was wrong: the changed fields are
  // added to it as "was → wordt", and its {tijd} is when the original went out.
  const inCorrection = [...new Set(findPlaceholders(entry.data.correction))]
    .filter((name) => name !== 'tijd' && isPlaceholderName(name))
    .map((name) => ({
      file: entry.file,
      field: 'correction',
      message: `gebruik in de correctie alleen {tijd} (het moment van het eerdere bericht), niet {${name}}; wat veranderd is, zet Baken er zelf onder`,
    }));
  return [...unknown, ...inCorrection];
}

/**
 * Every field a coordinator fills in for a broadcast needs the script's own label and hint:
 * `{locatie}` is a school in one script and the noodsteunpunt's address in another.
 */
export function checkFieldLabels(entry: ScriptEntry): LintProblem[] {
  if (entry.data.status !== 'vastgesteld') return [];
  const sent = [
    entry.data.sms.text,
    entry.data.email_subject,
    findSection(entry.body, 'Kernboodschap') ?? '',
    findSection(entry.body, 'Handelingsperspectief') ?? '',
  ];
  const used = [...new Set(sent.flatMap(findPlaceholders))].filter(isPlaceholderName);
  return used
    .filter((name) => !entry.data.fields?.[name])
    .map((name) => ({
      file: entry.file,
      field: `fields.${name}`,
      message: `geef {${name}} een label en een uitleg (hint) voor het formulier, bijvoorbeeld fields: { ${name}: { label: "…", hint: "…" } }`,
    }));
}
