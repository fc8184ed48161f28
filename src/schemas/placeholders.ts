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

/**
 * The form a value must have, for fields where a wrong form misleads the reader: a time
 * that is not a time, a number nobody can call. Each with the Dutch message a coordinator sees.
 */
export const PLACEHOLDER_FORMAT: Partial<
  Record<PlaceholderName, { test: (value: string) => boolean; message: string }>
> = {
  tijd: {
    test: (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
    message: 'Schrijf de tijd als UU:MM, bijvoorbeeld 14:30.',
  },
  datum: {
    test: (v) => {
      const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(v);
      if (!m) return false;
      const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    },
    message: 'Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 05-03-2027.',
  },
  telefoon: {
    // Dutch numbers (06…, 010…, 0800/0900…, 14 + area code, 112) or international E.164.
    test: (v) => /^(\+[1-9]\d{7,14}|0\d{9}|0[89]0[069]\d{4,7}|14\d{3,4}|112)$/.test(v.replace(/[\s-]/g, '')),
    message:
      'Schrijf een Nederlands telefoonnummer, bijvoorbeeld 0800 1234 of 010 123 4567, of een internationaal nummer als +31101234567.',
  },
  website: {
    test: (v) => /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(\/[\w\-./~%]*)?$/i.test(v),
    message: 'Schrijf alleen de naam van de website, zonder https://, bijvoorbeeld voorbeeldstad.nl.',
  },
};

/** Plain Dutch name of each field, used where a script gives no label of its own. */
export const PLACEHOLDER_LABEL: Record<PlaceholderName, string> = {
  organisatie: 'Organisatie',
  gemeente: 'Gemeente',
  locatie: 'Locatie',
  tijd: 'Tijd',
  datum: 'Datum',
  telefoon: 'Telefoonnummer',
  website: 'Website',
};
