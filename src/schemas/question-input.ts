import { z } from 'zod';

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/**
 * The fields `POST /api/broadcasts` takes for a call-up or roll-call line, next to the usual
 * ones. The pools are subscriber lists, asked in this order.
 */
export const questionInputShape = {
  /** Call-ups: how many people must say yes. */
  needed: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'vul een aantal mensen in' })
      .int({ error: 'vul een heel aantal mensen in' })
      .min(1, { error: 'minstens 1 persoon' })
      .max(10_000, { error: 'hoogstens 10.000 mensen' })
      .optional(),
  ),
  /** Lists asked in escalation order: the first at once, the next when too few said yes in time. */
  pools: z
    .array(z.string().trim().min(1, { error: 'kies een lijst' }).max(80, { error: 'hoogstens 80 tekens' }))
    .min(1, { error: 'kies minstens één pool' })
    .max(10, { error: 'hoogstens 10 pools' })
    .optional(),
  /** Minutes to wait for enough yeses before the next pool is asked (decimals allowed, e.g. 0.5). */
  escalate_after_minutes: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'vul een aantal minuten in' })
      .min(0.1, { error: 'minstens 0,1 minuut' })
      .max(1440, { error: 'hoogstens 1440 minuten (een dag)' })
      .optional(),
  ),
};

/**
 * The same fields for `PATCH /api/broadcasts/:id`: left out, they stay as they were; `null`
 * clears one (no escalation; a call-up without a number is refused).
 */
export const questionUpdateShape = {
  needed: z.coerce
    .number({ error: 'vul een aantal mensen in' })
    .int({ error: 'vul een heel aantal mensen in' })
    .min(1, { error: 'minstens 1 persoon' })
    .max(10_000, { error: 'hoogstens 10.000 mensen' })
    .nullable()
    .optional(),
  pools: questionInputShape.pools,
  escalate_after_minutes: z.coerce
    .number({ error: 'vul een aantal minuten in' })
    .min(0.1, { error: 'minstens 0,1 minuut' })
    .max(1440, { error: 'hoogstens 1440 minuten (een dag)' })
    .nullable()
    .optional(),
};
