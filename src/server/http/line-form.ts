import { EMPTY_LINE_FORM, type LineForm } from '../../catalog/compose-line.ts';
import { SCRIPT_SECTIONS } from '../../schemas/script.ts';
import { readInput } from './read-input.ts';

// Each value is cut here; the whole file is limited again by the proposal schema.
const MAX_VALUE = 20_000;
const str = (value: unknown) => (typeof value === 'string' ? value.slice(0, MAX_VALUE) : '');

/** Reads the line editor's form (src/components/console/LineForm.astro) from a post. */
export async function readLineForm(request: Request): Promise<{ slug: string; form: LineForm }> {
  const raw = await readInput(request, ['sectors']);
  const sections = (raw.sections && typeof raw.sections === 'object' ? raw.sections : {}) as Record<string, unknown>;
  const form: LineForm = { ...EMPTY_LINE_FORM, sections: {} };
  for (const key of Object.keys(EMPTY_LINE_FORM) as Array<keyof LineForm>) {
    if (key === 'sectors' || key === 'sections') continue;
    form[key] = str(raw[key]);
  }
  form.sectors = Array.isArray(raw.sectors)
    ? raw.sectors.filter((s): s is string => typeof s === 'string').slice(0, 20)
    : [];
  for (const heading of SCRIPT_SECTIONS) form.sections[heading] = str(sections[heading]);
  return { slug: str(raw.slug).trim(), form };
}
