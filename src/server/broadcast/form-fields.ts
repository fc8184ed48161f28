import {
  isPlaceholderName,
  PLACEHOLDER_FORMAT,
  PLACEHOLDER_LABEL,
  PLACEHOLDER_MAX_LENGTH,
} from '../../schemas/placeholders.ts';
import { alertTemplates } from './compose-texts.ts';
import { usedPlaceholders } from './fill-placeholders.ts';
import type { ComposableScript } from './script-source.ts';

/** One fill-in field of the console form, as the script describes it. */
export interface FormField {
  name: string;
  label: string;
  hint: string;
  maxLength: number;
  /** Input type and mode that fit the value on a phone keyboard. */
  inputMode: 'text' | 'numeric' | 'tel' | 'url';
}

const INPUT_MODE: Record<string, FormField['inputMode']> = {
  tijd: 'numeric',
  datum: 'numeric',
  telefoon: 'tel',
  website: 'url',
};

/**
 * The fields a coordinator fills in for a script: only those its texts use, with the
 * script's own label and hint (the lint requires them; the generic ones are a fallback).
 */
export function formFieldsOf(script: ComposableScript): FormField[] {
  return usedPlaceholders(alertTemplates(script))
    .filter(isPlaceholderName)
    .map((name) => ({
      name,
      label: script.fieldLabels[name] ?? PLACEHOLDER_LABEL[name],
      hint: [
        script.fieldHints[name],
        PLACEHOLDER_FORMAT[name]
          ? PLACEHOLDER_FORMAT[name].message
          : `Maximaal ${PLACEHOLDER_MAX_LENGTH[name]} tekens.`,
      ]
        .filter(Boolean)
        .join(' '),
      maxLength: PLACEHOLDER_MAX_LENGTH[name],
      inputMode: INPUT_MODE[name] ?? 'text',
    }));
}
