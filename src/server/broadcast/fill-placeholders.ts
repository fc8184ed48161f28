import type { FieldProblem } from '../../schemas/input-messages.ts';
import {
  findPlaceholders,
  isPlaceholderName,
  PLACEHOLDER_FORMAT,
  PLACEHOLDER_MAX_LENGTH,
} from '../../schemas/placeholders.ts';

export type { FieldProblem };

/** Names of the placeholders used in `texts`, in order of first use. */
export function usedPlaceholders(texts: string[]): string[] {
  return [...new Set(texts.flatMap(findPlaceholders))];
}

/**
 * Keeps only the values of placeholders the texts use, trimmed: fields a script does not
 * use are ignored and never stored, so an API client may send one set for any script.
 */
export function pickFields(texts: string[], fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    usedPlaceholders(texts).flatMap((name) => {
      const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
      return value === undefined ? [] : [[name, value.trim()]];
    }),
  );
}

/**
 * Checks the values a coordinator filled in for the placeholders used in `texts`: every
 * one present, not longer than its maximum, one line, and in the right form (time, date,
 * phone number, web address). Problems name the form field, e.g. `fields.tijd`.
 */
export function checkFields(texts: string[], fields: Record<string, string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const name of usedPlaceholders(texts)) {
    const value = fields[name]?.trim() ?? '';
    const field = `fields.${name}`;
    if (value === '') problems.push({ field, message: 'Vul dit veld in.' });
    else if (isPlaceholderName(name) && value.length > PLACEHOLDER_MAX_LENGTH[name]) {
      problems.push({ field, message: `Maximaal ${PLACEHOLDER_MAX_LENGTH[name]} tekens; u heeft er ${value.length}.` });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a field may not hold.
    } else if (/[\u0000-\u001f\u007f]/.test(value)) problems.push({ field, message: 'Schrijf alles op één regel.' });
    else if (isPlaceholderName(name) && PLACEHOLDER_FORMAT[name] && !PLACEHOLDER_FORMAT[name].test(value)) {
      problems.push({ field, message: PLACEHOLDER_FORMAT[name].message });
    }
  }
  return problems;
}

/** Replaces `{name}` with the (trimmed) field value; unknown or empty ones stay as written. */
export function fillPlaceholders(text: string, fields: Record<string, string>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => fields[name]?.trim() || whole);
}
