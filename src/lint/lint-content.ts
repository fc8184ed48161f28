import { knownPaths } from '../catalog/routes.ts';
import { checkLinks } from './check-links.ts';
import { checkNoHtml } from './check-no-html.ts';
import { checkFieldLabels, checkPlaceholders } from './check-placeholders.ts';
import { checkPublicText } from './check-public-text.ts';
import { checkQuestion } from './check-question.ts';
import { checkReferences } from './check-references.ts';
import { checkSchema, slugOf } from './check-schema.ts';
import { checkSections } from './check-sections.ts';
import { checkSms } from './check-sms.ts';
import { checkSynonyms } from './check-synonyms.ts';
import type { ContentFile, Entry, LintProblem } from './types.ts';

export interface LintResult {
  /** Files that passed their schema (they may still have other problems). */
  entries: Entry[];
  /** Every problem found, one per file and field. */
  problems: LintProblem[];
}

/** Checks all content at once and reports every problem, not just the first. */
export function lintContent(files: ContentFile[]): LintResult {
  const problems: LintProblem[] = [];
  const entries: Entry[] = [];
  for (const file of files) {
    if (file.collection === 'synonyms') {
      problems.push(...checkSynonyms(file));
      continue;
    }
    const result = checkSchema(file);
    problems.push(...result.problems);
    if (result.entry) entries.push(result.entry);
  }

  const slugs = (collection: Entry['collection']) =>
    files.filter((f) => f.collection === collection).map((f) => slugOf(f.path));
  const known = { sectors: new Set(slugs('sectors')), scenarios: new Set(slugs('scenarios')) };
  const paths = knownPaths({
    sectors: slugs('sectors'),
    scenarios: slugs('scenarios'),
    scripts: slugs('scripts'),
    noodkaarten: slugs('noodkaarten'),
  });

  for (const entry of entries) problems.push(...checkEntry(entry, known, paths));
  return { entries, problems };
}

/** The checks of one entry that passed its schema: references, links and, for a script, its texts. */
export function checkEntry(
  entry: Entry,
  known: { sectors: Set<string>; scenarios: Set<string> },
  paths: Set<string>,
): LintProblem[] {
  const problems = [...checkReferences(entry, known), ...checkLinks(entry, paths)];
  if (entry.collection === 'scripts') {
    problems.push(
      ...checkSections(entry),
      ...checkSms(entry),
      ...checkPlaceholders(entry),
      ...checkFieldLabels(entry),
      ...checkPublicText(entry),
      ...checkNoHtml(entry),
      ...checkQuestion(entry),
    );
  }
  return problems;
}
