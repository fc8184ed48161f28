import { ALL_SECTORS } from '../schemas/script.ts';
import type { Entry, LintProblem } from './types.ts';

interface KnownSlugs {
  sectors: Set<string>;
  scenarios: Set<string>;
}

/** Sector and scenario references must name an existing file in `content/`. */
export function checkReferences(entry: Entry, known: KnownSlugs): LintProblem[] {
  const problems: LintProblem[] = [];
  const unknownSector = (slug: string) => ({
    file: entry.file,
    field: 'sectors',
    message: `onbekende sector "${slug}"; kies uit: ${[...known.sectors].join(', ')}${entry.collection === 'scripts' ? ` of ${ALL_SECTORS}` : ''}`,
  });
  if (entry.collection === 'scripts') {
    const { sectors, scenario } = entry.data;
    if (sectors !== ALL_SECTORS) problems.push(...sectors.filter((s) => !known.sectors.has(s)).map(unknownSector));
    if (!known.scenarios.has(scenario)) {
      problems.push({
        file: entry.file,
        field: 'scenario',
        message: `onbekend scenario "${scenario}"; kies uit: ${[...known.scenarios].join(', ')}`,
      });
    }
  }
  if (entry.collection === 'noodkaarten') {
    problems.push(...entry.data.sectors.filter((s) => !known.sectors.has(s)).map(unknownSector));
  }
  return problems;
}
