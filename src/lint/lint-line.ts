import { knownPaths } from '../catalog/routes.ts';
import { stampLine } from '../catalog/stamp-line.ts';
import { checkSchema } from './check-schema.ts';
import { checkEntry } from './lint-content.ts';
import type { LintProblem } from './types.ts';

/** The slugs of the catalog a line is checked against (references and links). */
export interface CatalogSlugs {
  sectors: string[];
  scenarios: string[];
  scripts: string[];
  noodkaarten: string[];
}

/**
 * Lints one line (a file for `content/scripts/<slug>.md`) against the rest of the catalog,
 * with exactly the checks the build runs. Pure: the console runs it in the browser while an
 * editor types, and the server runs it again before it stores a proposal.
 */
export function lintLine(slug: string, source: string, catalog: CatalogSlugs): LintProblem[] {
  const file = { collection: 'scripts' as const, path: `content/scripts/${slug}.md`, source };
  const { entry, problems } = checkSchema(file);
  if (entry?.collection !== 'scripts') return problems;
  const scripts = catalog.scripts.includes(slug) ? catalog.scripts : [...catalog.scripts, slug];
  const paths = knownPaths({ ...catalog, scripts });
  return [
    ...problems,
    ...checkEntry(entry, { sectors: new Set(catalog.sectors), scenarios: new Set(catalog.scenarios) }, paths),
  ];
}

/** Stands in for the partners' names while a proposal is checked; the hub writes the real ones on publishing. */
export const PENDING_AGREEMENT = 'de betrokken partners';

/**
 * Lints a proposed line as it will be published: stamped `vastgesteld` with `version` and
 * today's date, so the rules for agreed lines apply. The console (as the editor types) and
 * the server (before storing) call this same function.
 */
export function lintProposedLine(
  slug: string,
  markdown: string,
  catalog: CatalogSlugs,
  stamp: { version: string; today: string },
): { stamped: string; problems: LintProblem[] } {
  const stamped = stampLine(markdown, {
    version: stamp.version,
    vastgesteldDoor: PENDING_AGREEMENT,
    vastgesteldOp: stamp.today,
  });
  return { stamped, problems: lintLine(slug, stamped, catalog) };
}
