import { findSection } from '../../catalog/split-sections.ts';
import type { ScriptQuestion } from '../../schemas/question.ts';
import type { ScriptFrontmatter } from '../../schemas/script.ts';

/** What composing a broadcast needs of an agreed script. */
export interface ComposableScript {
  slug: string;
  title: string;
  scenario: string;
  status: ScriptFrontmatter['status'];
  smsText: string;
  maxSegments: number;
  emailSubject: string;
  correction: string;
  /** Markdown of the Kernboodschap section. */
  kernboodschap: string;
  /** Markdown of the Handelingsperspectief section. */
  handelingsperspectief: string;
  /** The fixed promise of when the next update comes; closes web and email texts. */
  nextUpdate: string;
  /** The script's own label per placeholder, e.g. { locatie: "Adres van het noodsteunpunt" }. */
  fieldLabels: Record<string, string>;
  /** The script's own hint per placeholder: what to fill in, for this script. */
  fieldHints: Record<string, string>;
  /** The question of a call-up or roll-call line, with its answers and automatic replies. */
  question?: ScriptQuestion;
}

/** Where scripts come from: Astro's content collection in the server, fixture files in tests. */
export interface ScriptSource {
  get(slug: string): Promise<ComposableScript | undefined>;
  list(): Promise<ComposableScript[]>;
}

/** Turns a script's frontmatter and body into what the composer needs. */
export function toComposable(slug: string, data: ScriptFrontmatter, body: string): ComposableScript {
  return {
    slug,
    title: data.title,
    scenario: data.scenario,
    status: data.status,
    smsText: data.sms.text,
    maxSegments: data.sms.max_segments,
    emailSubject: data.email_subject,
    correction: data.correction,
    kernboodschap: findSection(body, 'Kernboodschap') ?? '',
    handelingsperspectief: findSection(body, 'Handelingsperspectief') ?? '',
    nextUpdate: data.next_update ?? '',
    fieldLabels: Object.fromEntries(Object.entries(data.fields ?? {}).map(([name, field]) => [name, field.label])),
    fieldHints: Object.fromEntries(Object.entries(data.fields ?? {}).map(([name, field]) => [name, field.hint])),
    ...(data.question && { question: data.question }),
  };
}
