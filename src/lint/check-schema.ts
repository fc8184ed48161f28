import type { z } from 'zod';
import { parseFrontmatter } from '../catalog/parse-frontmatter.ts';
import { noodkaartSchema } from '../schemas/noodkaart.ts';
import { scenarioSchema } from '../schemas/scenario.ts';
import { scriptSchema } from '../schemas/script.ts';
import { sectorSchema } from '../schemas/sector.ts';
import { slugSchema } from '../schemas/slug.ts';
import type { Collection, Entry, LintProblem, MarkdownFile } from './types.ts';

const SCHEMAS: Record<Collection, z.ZodType> = {
  sectors: sectorSchema,
  scenarios: scenarioSchema,
  scripts: scriptSchema,
  noodkaarten: noodkaartSchema,
};

/** The slug of a content file: its file name without `.md`. */
export function slugOf(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.md$/, '');
}

const EXPECTED: Record<string, string> = {
  string: 'tekst',
  number: 'een getal',
  array: 'een lijst, bijvoorbeeld [a, b]',
  object: 'een groep velden (ingesprongen regels)',
};

/** What to write in fields that accept more than one form. */
const UNION_HINT: Record<string, string> = {
  sectors: 'schrijf een lijst van sectoren, bijvoorbeeld [zorg-welzijn], of: alle-sectoren',
  version: 'schrijf een versienummer, bijvoorbeeld "1.0"',
  vastgesteld_op: 'schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01',
  geldig_tot: 'schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2027-09-01',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (/received undefined/.test(issue.message)) return 'dit veld ontbreekt en is verplicht';
    return `verkeerd soort waarde: verwacht ${EXPECTED[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'unrecognized_keys') return `onbekend veld: ${issue.keys.join(', ')} (controleer de spelling)`;
  if (issue.code === 'invalid_value') return `kies uit: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return 'mag niet leeg zijn';
    if (issue.origin === 'array') return `noem er minstens ${String(issue.minimum)}`;
    return `moet minstens ${String(issue.minimum)} zijn`;
  }
  if (issue.code === 'too_big') {
    return issue.origin === 'array'
      ? `noem er hoogstens ${String(issue.maximum)}`
      : `mag hoogstens ${String(issue.maximum)} zijn`;
  }
  if (issue.code === 'invalid_union')
    return UNION_HINT[String(issue.path[0])] ?? 'deze waarde past niet; zie content/README.md voor wat hier mag staan';
  // Our own messages (custom checks, patterns with a message) are Dutch already.
  return issue.message;
}

/**
 * Reads a file's frontmatter and validates it against its collection's schema.
 * Returns the typed entry, or the problems that stop it from being one.
 */
export function checkSchema(file: MarkdownFile): { entry?: Entry; problems: LintProblem[] } {
  const slug = slugOf(file.path);
  const problems: LintProblem[] = [];
  if (!slugSchema.safeParse(slug).success) {
    problems.push({
      file: file.path,
      field: 'bestandsnaam',
      message: 'gebruik alleen kleine letters, cijfers en streepjes in de bestandsnaam',
    });
  }
  const parsed = parseFrontmatter(file.source);
  if (parsed.error)
    return { problems: [...problems, { file: file.path, field: 'frontmatter', message: parsed.error }] };

  const result = SCHEMAS[file.collection].safeParse(parsed.data ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || 'frontmatter';
      problems.push({ file: file.path, field, message: describeIssue(issue) });
    }
    return { problems };
  }
  const entry = {
    collection: file.collection,
    file: file.path,
    slug,
    data: result.data,
    body: parsed.body,
    bodyLine: parsed.bodyLine,
  } as Entry;
  return { entry, problems };
}
