import { z } from 'zod';
import { scriptQuestionSchema } from './question.ts';
import { isoDateSchema, slugSchema } from './slug.ts';

/** Value of `sectors` that makes a script apply to every sector. */
export const ALL_SECTORS = 'alle-sectoren';

export const scriptStatusSchema = z.enum(['concept', 'vastgesteld', 'ingetrokken']);
export type ScriptStatus = z.infer<typeof scriptStatusSchema>;

/** The SMS version of a script. */
export const scriptSmsSchema = z.strictObject({
  /** The SMS text, possibly with `{placeholders}`. */
  text: z.string().min(1),
  /** How many SMS parts the filled-in text may take at most; the build checks it. */
  max_segments: z.number().int().min(1).max(10),
});

/** Body sections of a script, as `##` headings, in reading order. */
export const SCRIPT_SECTIONS = [
  'Kernboodschap',
  'Wat weten we',
  'Handelingsperspectief',
  'Instructies voor medewerkers',
  'Betekenisgeving',
  'Vragen en antwoorden',
  'Niet zeggen',
  'Achtergrond voor de woordvoerder',
] as const;

/** Sections a script cannot do without; a script missing one fails the build. */
export const REQUIRED_SCRIPT_SECTIONS = ['Kernboodschap', 'Handelingsperspectief'] as const;

/** Frontmatter of an agreed script (woordvoeringslijn) in `content/scripts/`. */
export const scriptSchema = z
  .strictObject({
    /** Title of the script as shown on its page. */
    title: z.string().min(1),
    /** Sector slugs the script is for, or `alle-sectoren` for a cross-sector script. */
    sectors: z.union([z.literal(ALL_SECTORS), z.array(slugSchema).min(1)]),
    /** Slug of the scenario in `content/scenarios/`. */
    scenario: slugSchema,
    /** Who the message is for, e.g. ouders, cliënten, medewerkers. */
    audience: z.array(z.string().min(1)).min(1),
    /** Only `vastgesteld` lines may be used as agreed; `ingetrokken` ones are never offered. */
    status: scriptStatusSchema,
    /** Version label, e.g. "1.2". */
    version: z.union([z.string(), z.number()]).transform(String),
    /** Body that agreed the line, e.g. the sector's overleg of social partners. */
    vastgesteld_door: z.string().min(1).optional(),
    /** Date the line was agreed (YYYY-MM-DD). */
    vastgesteld_op: isoDateSchema.optional(),
    /** Date after which the line must be checked again; pages then show "verlopen — controleer". */
    geldig_tot: isoDateSchema,
    /** Team responsible for keeping the line up to date. */
    eigenaar: z.string().min(1),
    /** Extra search words. */
    tags: z.array(z.union([z.string().min(1), z.number()]).transform(String)).default([]),
    /** SMS text and its segment limit. */
    sms: scriptSmsSchema,
    /** Subject line of the email version. */
    email_subject: z.string().min(1),
    /**
     * Opening line of a correction, true whichever field was wrong; `{tijd}` is when the
     * original went out. The changed fields follow it as "was → wordt" on every channel.
     */
    correction: z.string().min(1),
    /**
     * When people hear from us again, as a fixed promise the sender can keep; it closes the
     * web and email text of every broadcast. Required for a vastgesteld script.
     */
    next_update: z.string().min(1).max(200).optional(),
    /** Per placeholder the texts use: the label and hint a coordinator sees in the form. */
    fields: z
      .record(z.string(), z.strictObject({ label: z.string().min(1).max(60), hint: z.string().min(1).max(200) }))
      .optional(),
    /**
     * Makes the line a call-up ("can you come?") or roll-call ("are you safe?"): the SMS asks
     * a question, people answer with one of its keywords or a button (see question.ts).
     */
    question: scriptQuestionSchema.optional(),
  })
  .superRefine((data, ctx) => {
    if (data.status !== 'vastgesteld') return;
    for (const field of ['vastgesteld_door', 'vastgesteld_op'] as const) {
      if (data[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'verplicht als de status vastgesteld is' });
      }
    }
  });

export type ScriptFrontmatter = z.infer<typeof scriptSchema>;
