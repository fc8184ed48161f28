import type { z } from 'zod';

/** Names the fields a schema refused, in Dutch, without passing on zod's English text. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  const fields = [...new Set(issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : '(het geheel)')))];
  return `${fields.length === 1 ? 'dit veld ontbreekt of klopt niet' : 'deze velden ontbreken of kloppen niet'}: ${fields.slice(0, 5).join(', ')}${fields.length > 5 ? ' …' : ''}`;
}
