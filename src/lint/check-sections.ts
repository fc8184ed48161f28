import { splitSections } from '../catalog/split-sections.ts';
import { REQUIRED_SCRIPT_SECTIONS } from '../schemas/script.ts';
import type { LintProblem, ScriptEntry } from './types.ts';

/** A script must have each required `##` section, and it must not be empty. */
export function checkSections(entry: ScriptEntry): LintProblem[] {
  const { sections } = splitSections(entry.body);
  return REQUIRED_SCRIPT_SECTIONS.flatMap((heading) => {
    const section = sections.find((s) => s.heading.toLowerCase() === heading.toLowerCase());
    if (!section) {
      return [
        {
          file: entry.file,
          field: `## ${heading}`,
          message: `het kopje "## ${heading}" ontbreekt; dit onderdeel is verplicht`,
        },
      ];
    }
    if (section.markdown === '') {
      return [
        {
          file: entry.file,
          field: `## ${heading}`,
          message: `het onderdeel "${heading}" is leeg; schrijf er tekst onder`,
        },
      ];
    }
    return [];
  });
}
