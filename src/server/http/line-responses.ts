import { type FieldProblem, summarizeProblems } from '../../schemas/input-messages.ts';
import type { LineOutcome } from '../lines/line-outcome.ts';
import { apiError, json, seeOther, wantsJson } from './responses.ts';

/** Console page of a proposal. */
export const proposalPath = (id: number) => `/coordinator/lijnen/voorstellen/${id}/`;

/** The 422 message for the lint's problems: one sentence naming each field. */
export function lintMessage(problems: FieldProblem[]): string {
  return `De lijn is nog niet goed: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`;
}

/**
 * Answers a line action: JSON for the API, a redirect with a message for a console form.
 * `fallback` is where a refused form goes back to; what was typed comes back with it.
 */
export function answerLine<T>(
  request: Request,
  outcome: LineOutcome<T>,
  options: {
    status: number;
    message: string;
    location: (value: T) => string;
    fallback: string;
    typed?: Record<string, string>;
  },
): Response {
  const asJson = wantsJson(request);
  if (outcome.ok)
    return asJson
      ? json(options.status, outcome.value)
      : seeOther(options.location(outcome.value), { melding: options.message });
  if ('refusal' in outcome) {
    const { status, code, message } = outcome.refusal;
    return asJson
      ? apiError(status, code, message)
      : seeOther(options.fallback, { fout: message, ...(options.typed && { waarden: options.typed }) });
  }
  const message = lintMessage(outcome.invalid);
  return asJson
    ? apiError(422, 'lint-failed', message, outcome.invalid)
    : seeOther(options.fallback, { fout: message, ...(options.typed && { waarden: options.typed }) });
}

/** Input that did not pass its schema: 422 with Dutch messages per field. */
export function invalidInput(request: Request, problems: FieldProblem[], fallback: string): Response {
  const message = summarizeProblems(problems);
  return wantsJson(request) ? apiError(422, 'invalid-input', message, problems) : seeOther(fallback, { fout: message });
}
