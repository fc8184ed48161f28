import { z } from 'zod';

/** Frontmatter of a digital-outage scenario in `content/scenarios/`. */
export const scenarioSchema = z.strictObject({
  /** Display name, e.g. "Telefonie valt uit". */
  name: z.string().min(1),
  /** Short tile text answering "Wat is er aan de hand?", e.g. "De telefoon doet het niet". */
  question: z.string().min(1),
  /** One sentence describing the scenario. */
  description: z.string().min(1),
  /** Position on the home page and in the matrix, lowest first. */
  order: z.number().int(),
  /** Words people type for this scenario; used by search. */
  tags: z.array(z.union([z.string().min(1), z.number()]).transform(String)).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
