import type { FieldProblem } from '../../schemas/input-messages.ts';

/** Why an action was refused: an HTTP status, a stable code and a Dutch sentence. */
export interface LineRefusal {
  status: 403 | 404 | 409 | 500;
  code: string;
  message: string;
}

/** What a line action gives back: the value, a refusal, or the lint's problems (422). */
export type LineOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; refusal: LineRefusal }
  | { ok: false; invalid: FieldProblem[] };

/** A refusal as an outcome. */
export const refuse = (status: LineRefusal['status'], code: string, message: string) =>
  ({ ok: false, refusal: { status, code, message } }) as const;
