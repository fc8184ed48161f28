import type { FieldProblem } from '../../schemas/input-messages.ts';
import type { Refusal } from './broadcast-rules.ts';

/** What a broadcast action gives back: the value, a refusal with its HTTP status, or input problems (422). */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; refusal: Refusal }
  | { ok: false; invalid: FieldProblem[] };

export const refuse = (refusal: Refusal): Outcome<never> => ({ ok: false, refusal });
export const invalid = (problems: FieldProblem[]): Outcome<never> => ({ ok: false, invalid: problems });
