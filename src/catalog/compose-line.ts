import { stringify } from 'yaml';
import { ALL_SECTORS, SCRIPT_SECTIONS } from '../schemas/script.ts';
import { parseFrontmatter } from './parse-frontmatter.ts';
import { splitSections } from './split-sections.ts';

/** The line editor's form: one value per field of the content model and one per section. */
export interface LineForm {
  title: string;
  /** Sector slugs, or [`alle-sectoren`]. */
  sectors: string[];
  scenario: string;
  /** Comma-separated, as typed. */
  audience: string;
  geldig_tot: string;
  eigenaar: string;
  /** Comma-separated, as typed. */
  tags: string;
  sms_text: string;
  sms_max_segments: string;
  email_subject: string;
  correction: string;
  next_update: string;
  /** One placeholder a line: `naam | label | uitleg`. */
  placeholders: string;
  /** Section heading → its Markdown. */
  sections: Record<string, string>;
}

export const EMPTY_LINE_FORM: LineForm = {
  title: '',
  sectors: [],
  scenario: '',
  audience: '',
  geldig_tot: '',
  eigenaar: '',
  tags: '',
  sms_text: '',
  sms_max_segments: '1',
  email_subject: '',
  correction: '',
  next_update: '',
  placeholders: '',
  sections: {},
};

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * The Markdown file for a filled-in form: frontmatter in the content model's order, then
 * the sections in reading order (empty ones left out). Status, version and the vastgesteld
 * fields are not the editor's: the hub sets them when the partners agree.
 */
export function composeLine(form: LineForm): string {
  const fields: Record<string, { label: string; hint: string }> = {};
  for (const row of form.placeholders.split('\n')) {
    const [name = '', label = '', hint = ''] = row.split('|').map((part) => part.trim());
    if (name !== '') fields[name] = { label, hint };
  }
  const segments = Number(form.sms_max_segments);
  const data: Record<string, unknown> = {
    title: form.title.trim(),
    sectors: form.sectors.includes(ALL_SECTORS) ? ALL_SECTORS : form.sectors,
    scenario: form.scenario,
    audience: list(form.audience),
    status: 'concept',
    version: '0',
    geldig_tot: form.geldig_tot.trim(),
    eigenaar: form.eigenaar.trim(),
    tags: list(form.tags),
    sms: { text: form.sms_text.trim(), max_segments: Number.isInteger(segments) ? segments : form.sms_max_segments },
    email_subject: form.email_subject.trim(),
    correction: form.correction.trim(),
    ...(form.next_update.trim() !== '' && { next_update: form.next_update.trim() }),
    ...(Object.keys(fields).length > 0 && { fields }),
  };
  const body = SCRIPT_SECTIONS.flatMap((heading) => {
    const text = (form.sections[heading] ?? '').replace(/\r\n/g, '\n').trim();
    return text === '' ? [] : [`## ${heading}\n\n${text}\n`];
  }).join('\n');
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body}`;
}

const text = (value: unknown) =>
  value === undefined || value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);

/** The form for an existing line file (to propose a change to it). */
export function lineToForm(source: string): LineForm {
  const parsed = parseFrontmatter(source);
  const d = (parsed.data && typeof parsed.data === 'object' ? parsed.data : {}) as Record<string, unknown>;
  const sms = (d.sms ?? {}) as Record<string, unknown>;
  const fields = (d.fields ?? {}) as Record<string, { label?: unknown; hint?: unknown }>;
  return {
    title: text(d.title),
    sectors: d.sectors === ALL_SECTORS ? [ALL_SECTORS] : Array.isArray(d.sectors) ? d.sectors.map(String) : [],
    scenario: text(d.scenario),
    audience: Array.isArray(d.audience) ? d.audience.join(', ') : text(d.audience),
    geldig_tot: text(d.geldig_tot),
    eigenaar: text(d.eigenaar),
    tags: Array.isArray(d.tags) ? d.tags.join(', ') : text(d.tags),
    sms_text: text(sms.text),
    sms_max_segments: text(sms.max_segments) || '1',
    email_subject: text(d.email_subject),
    correction: text(d.correction),
    next_update: text(d.next_update),
    placeholders: Object.entries(fields)
      .map(([name, field]) => `${name} | ${text(field.label)} | ${text(field.hint)}`)
      .join('\n'),
    sections: Object.fromEntries(splitSections(parsed.body).sections.map((s) => [s.heading, s.markdown])),
  };
}

/** The form field id of a section: `sectie-0` for the Kernboodschap, and so on in reading order. */
export function sectionFieldId(heading: (typeof SCRIPT_SECTIONS)[number]): string {
  return `sectie-${SCRIPT_SECTIONS.indexOf(heading)}`;
}

/** Which form field a lint problem belongs to (`field` as the lint names it); undefined for the summary only. */
export function formFieldOf(lintField: string): string | undefined {
  const section = /^## (.+)$/.exec(lintField);
  if (section) {
    const wanted = (section[1] ?? '').toLowerCase();
    const heading = SCRIPT_SECTIONS.find((h) => h.toLowerCase() === wanted);
    return heading && sectionFieldId(heading);
  }
  const head = (lintField.split(/[.,]/)[0] ?? '').trim();
  if (head === 'sms') return lintField === 'sms.max_segments' ? 'sms_max_segments' : 'sms_text';
  if (head === 'fields') return 'placeholders';
  const known = [
    'title',
    'sectors',
    'scenario',
    'audience',
    'geldig_tot',
    'eigenaar',
    'tags',
    'email_subject',
    'correction',
    'next_update',
  ];
  return known.includes(head) ? head : undefined;
}
