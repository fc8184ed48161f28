import type { z } from 'zod';

/** A problem with one input field, in Dutch, for the console (next to the field) and the API. */
export interface FieldProblem {
  /** Name of the field as the form and the JSON use it, e.g. `area` or `fields.tijd`. */
  field: string;
  message: string;
}

/** Dutch names of the input fields a coordinator or an API client sends. */
export const INPUT_LABEL: Record<string, string> = {
  script: 'Lijn',
  channels: 'Kanalen',
  lists: 'Lijsten',
  training: 'Oefening',
  fields: 'Invulvelden',
  severity: 'Ernst',
  area: 'Gebied',
  reason: 'Reden',
  slug: 'Naam van de lijn',
  markdown: 'Tekst van de lijn',
  comment: 'Toelichting',
  needed: 'Aantal mensen nodig',
  pools: 'Pools',
  escalate_after_minutes: 'Opschalen na (minuten)',
};

const EXPECTED: Record<string, string> = {
  string: 'tekst',
  number: 'een getal',
  boolean: 'ja of nee (true of false)',
  array: 'een lijst',
  object: 'een groep velden',
};

/** One zod issue as a short Dutch sentence; zod's own English text never reaches a person. */
export function dutchIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'Dit veld is verplicht.'
        : `Verkeerd soort waarde: verwacht ${EXPECTED[issue.expected] ?? 'iets anders'}.`;
    case 'too_small':
      if (issue.origin === 'string') return 'Vul dit veld in.';
      if (issue.origin === 'array') return `Kies er minstens ${String(issue.minimum)}.`;
      return `Moet minstens ${String(issue.minimum)} zijn.`;
    case 'too_big':
      if (issue.origin === 'string') return `Maximaal ${String(issue.maximum)} tekens.`;
      if (issue.origin === 'array') return `Kies er hoogstens ${String(issue.maximum)}.`;
      return `Mag hoogstens ${String(issue.maximum)} zijn.`;
    case 'invalid_value':
      return 'Kies een van de mogelijkheden in de lijst.';
    case 'unrecognized_keys':
      return `Onbekend veld: ${issue.keys.join(', ')}. Laat het weg.`;
    case 'invalid_format':
      return 'Deze waarde heeft niet de juiste vorm.';
    case 'invalid_key':
    case 'invalid_element':
    case 'invalid_union':
      return 'Deze waarde past hier niet.';
    case 'custom':
      // Our own refinements write Dutch messages.
      return issue.message;
    default:
      return 'Deze waarde klopt niet.';
  }
}

/** Clearer words for the problems people run into most, by field and zod issue code. */
const SPECIFIC: Record<string, string> = {
  'channels:too_small': 'Kies minstens één kanaal.',
  'area:too_small': 'Schrijf over welk gebied het bericht gaat.',
  'reason:too_small': 'Schrijf waarom u het bericht terugstuurt, zodat de schrijver weet wat er anders moet.',
  'severity:invalid_value': 'Kies hoe ernstig het is.',
  'channels:invalid_value': 'Kies uit website, e-mail en sms.',
};

/** Every issue of a failed parse as Dutch field problems; an unknown key names itself as the field. */
export function dutchProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field =
      issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.map(String).join('.') || 'invoer';
    return { field, message: SPECIFIC[`${String(issue.path[0] ?? '')}:${issue.code}`] ?? dutchIssue(issue) };
  });
}

/** All problems in one sentence, each with the Dutch name of its field. */
export function summarizeProblems(problems: FieldProblem[]): string {
  return `Controleer de invoer: ${problems.map((p) => `${labelOf(p.field)}: ${p.message.replace(/\.$/, '')}`).join('; ')}.`;
}

/** Dutch label of a field name like `area` or `fields.tijd`. */
export function labelOf(field: string): string {
  const [head, sub] = field.split('.', 2) as [string, string | undefined];
  if (head === 'fields' && sub) return sub;
  return INPUT_LABEL[head] ?? field;
}
