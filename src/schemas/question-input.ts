import { z } from 'zod';

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/** Most pools one call-up or roll-call asks in turn. */
export const MAX_POOLS = 10;

/** Call-ups: how many people must say yes. */
const neededNumber = z.coerce
  .number({ error: 'vul een aantal mensen in' })
  .int({ error: 'vul een heel aantal mensen in' })
  .min(1, { error: 'minstens 1 persoon' })
  .max(10_000, { error: 'hoogstens 10.000 mensen' });

/** Minutes to wait for enough yeses before the next pool is asked (decimals allowed, e.g. 0.5). */
const escalateMinutes = z.coerce
  .number({ error: 'vul een aantal minuten in' })
  .min(0.1, { error: 'minstens 0,1 minuut' })
  .max(1440, { error: 'hoogstens 1440 minuten (een dag)' });

/**
 * The fields `POST /api/broadcasts` takes for a call-up or roll-call line, next to the usual
 * ones. The pools are subscriber lists, asked in this order.
 */
export const questionInputShape = {
  needed: z.preprocess(blankToUndefined, neededNumber.optional()),
  /** Lists asked in escalation order: the first at once, the next when too few said yes in time. */
  pools: z
    .array(z.string().trim().min(1, { error: 'kies een lijst' }).max(80, { error: 'hoogstens 80 tekens' }))
    .min(1, { error: 'kies minstens één pool' })
    .max(MAX_POOLS, { error: `hoogstens ${MAX_POOLS} pools` })
    .optional(),
  escalate_after_minutes: z.preprocess(blankToUndefined, escalateMinutes.optional()),
};

/**
 * The same fields for `PATCH /api/broadcasts/:id`: left out, they stay as they were; `null`
 * clears one (no escalation; a call-up without a number is refused).
 */
export const questionUpdateShape = {
  needed: neededNumber.nullable().optional(),
  pools: questionInputShape.pools,
  escalate_after_minutes: escalateMinutes.nullable().optional(),
};
