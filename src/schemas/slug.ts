import { z } from 'zod';

/** A file name without extension: lower-case letters, digits and single hyphens. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'gebruik kleine letters, cijfers en streepjes');

/**
 * A calendar date written as YYYY-MM-DD. YAML parses such values to a Date at midnight
 * UTC; both forms are accepted and normalised to the ISO date string.
 */
export const isoDateSchema = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    ctx.addIssue({ code: 'custom', message: 'schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01' });
    return z.NEVER;
  }
  return text;
});
