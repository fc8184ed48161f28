import { formFieldOf } from '../../catalog/compose-line.ts';
import type { FieldProblem } from '../../schemas/input-messages.ts';

/** The lint's problems sorted to the editor's form fields; the rest for the summary at the top. */
export function problemsOnForm(problems: readonly FieldProblem[]): {
  byField: Record<string, string[]>;
  general: string[];
} {
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const problem of problems) {
    const field = problem.field === 'bestandsnaam' ? 'slug' : formFieldOf(problem.field);
    if (field) {
      byField[field] ??= [];
      byField[field].push(problem.message);
    } else general.push(`${problem.field}: ${problem.message}`);
  }
  return { byField, general };
}
