import { z } from 'zod';

/** Frontmatter of a sector file in `content/sectors/`. */
export const sectorSchema = z.strictObject({
  /** Display name, e.g. "Zorg en welzijn". */
  name: z.string().min(1),
  /** One or two sentences on who belongs to the sector. */
  description: z.string().min(1),
  /** The role people contact for agreed lines in this sector (a role, never a person). */
  contact_role: z.string().min(1),
  /** Position in lists and in the matrix, lowest first. */
  order: z.number().int(),
});

export type Sector = z.infer<typeof sectorSchema>;
