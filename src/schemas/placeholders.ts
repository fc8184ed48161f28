/**
 * Fill-in fields ("invulvelden") a coordinator completes when sending a script, written as
 * `{name}` in SMS text, email subject, correction text and body. The maximum length is what
 * the content lint assumes when it counts SMS segments, and what a composer must enforce.
 */
export const PLACEHOLDER_MAX_LENGTH = {
  organisatie: 40,
  gemeente: 24,
  locatie: 40,
  tijd: 5,
  datum: 10,
  telefoon: 13,
  website: 30,
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDER_MAX_LENGTH;

const PLACEHOLDER_PATTERN = /\{([a-z_]+)\}/g;

/** Names of all `{placeholders}` in a text, in order, with repeats. */
export function findPlaceholders(text: string): string[] {
  return Array.from(text.matchAll(PLACEHOLDER_PATTERN), (match) => match[1] ?? '');
}

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDER_MAX_LENGTH, name);
}

/**
 * Replaces every known placeholder with a GSM-7 filler of its maximum length: the longest
 * text a coordinator can produce by filling in plain characters.
 */
export function fillWorstCase(text: string): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    isPlaceholderName(name) ? 'x'.repeat(PLACEHOLDER_MAX_LENGTH[name]) : whole,
  );
}
