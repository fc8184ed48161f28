import { z } from 'zod';
import { isoDateSchema, slugSchema } from './slug.ts';

export const LOCATION_TYPES = ['school', 'kinderopvang', 'wijkcentrum', 'sportvereniging', 'zorglocatie'] as const;

/** A field the local organisation fills in on the printed card. */
export const fillInFieldSchema = z.strictObject({
  /** What to write on the line, e.g. "Telefoon crisiscoördinator". */
  label: z.string().min(1),
  /** Optional help text under the line. */
  hint: z.string().min(1).optional(),
});

/** Frontmatter of a one-page emergency card in `content/noodkaarten/`. */
export const noodkaartSchema = z.strictObject({
  /** Title printed at the top of the card. */
  title: z.string().min(1),
  /** Kind of location the card is for. */
  location_type: z.enum(LOCATION_TYPES),
  /** Sector slugs the card belongs to. */
  sectors: z.array(slugSchema).min(1),
  /** Version label, e.g. "1.0". */
  version: z.union([z.string(), z.number()]).transform(String),
  /** Date the card was agreed (YYYY-MM-DD). */
  vastgesteld_op: isoDateSchema,
  /** Lines the organisation fills in with a pen. */
  fill_in: z.array(fillInFieldSchema).min(1),
});

export type Noodkaart = z.infer<typeof noodkaartSchema>;
