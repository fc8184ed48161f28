import { findPlaceholders, isPlaceholderName, PLACEHOLDER_MAX_LENGTH } from '../../schemas/placeholders.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Checks the values a coordinator filled in for the placeholders used in `texts`: every
 * one present, not longer than its maximum, one line, and no unknown names.
 */
export function checkFields(texts: string[], fields: Record<string, string>): FieldProblem[] {
  const used = [...new Set(texts.flatMap(findPlaceholders))];
  const problems: FieldProblem[] = [];
  for (const name of used) {
    const value = fields[name]?.trim() ?? '';
    if (value === '') problems.push({ field: name, message: `vul "${name}" in` });
    else if (isPlaceholderName(name) && value.length > PLACEHOLDER_MAX_LENGTH[name]) {
      problems.push({ field: name, message: `"${name}" mag maximaal ${PLACEHOLDER_MAX_LENGTH[name]} tekens zijn` });
    } else if (/[\r\n\u0000-\u001f]/.test(value)) problems.push({ field: name, message: `"${name}" mag geen nieuwe regels bevatten` });
  }
  for (const name of Object.keys(fields)) {
    if (!isPlaceholderName(name)) problems.push({ field: name, message: `onbekend invulveld "${name}"` });
  }
  return problems;
}

/** Replaces `{name}` with the (trimmed) field value; unknown or empty ones stay as written. */
export function fillPlaceholders(text: string, fields: Record<string, string>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => fields[name]?.trim() || whole);
}
