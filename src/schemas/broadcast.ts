import { z } from 'zod';
import { questionInputShape, questionUpdateShape } from './question-input.ts';
import { slugSchema } from './slug.ts';

/** Where a broadcast goes: the site (with its feeds), email and SMS. */
export const BROADCAST_CHANNELS = ['web', 'email', 'sms'] as const;
export type BroadcastChannel = (typeof BROADCAST_CHANNELS)[number];

/** Life of a broadcast: written, sent for approval, approved by a second coordinator and out. */
export const BROADCAST_STATUSES = ['draft', 'submitted', 'published'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** CAP message type: a new alert, an update (correction) or a cancellation of an earlier one. */
export const MESSAGE_TYPES = ['alert', 'update', 'cancel'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** CAP 1.2 severity, as the coordinator picks it. */
export const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Limits on what a client may send, so one request cannot fill the database. */
const fieldsSchema = z
  .record(z.string().max(40), z.string().max(200))
  .refine((f) => Object.keys(f).length <= 30, { message: 'Stuur hoogstens 30 invulvelden.' });

/** Input of `POST /api/broadcasts`: a new draft from an agreed script. */
export const createBroadcastSchema = z.strictObject({
  /** Slug of a vastgesteld script. */
  script: slugSchema,
  /** Channels to publish on; at least one. */
  channels: z
    .array(z.enum(BROADCAST_CHANNELS))
    .min(1)
    .max(3)
    .transform((list) => [...new Set(list)]),
  /** Names of subscriber lists that receive email and SMS. */
  lists: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** Exercise: spools only, "OEFENING" on every message, only under /oefening/. */
  training: z.boolean().default(false),
  /** Values for the script's placeholders, e.g. { gemeente: "Voorbeeldstad" }. */
  fields: fieldsSchema.default({}),
  /** CAP severity. */
  severity: z.enum(SEVERITIES).default('Moderate'),
  /** Area the message is about, in words (CAP areaDesc). */
  area: z.string().trim().min(1).max(200).default('Nederland'),
  /** Hours after approval that unsent messages may still go out; the server's default (24) when left out. */
  validHours: z.preprocess(
    (value) => (value === '' || value === null ? undefined : value),
    z.coerce
      .number({ error: 'vul een aantal uren in' })
      .int({ error: 'vul een heel aantal uren in' })
      .min(1, { error: 'minstens 1 uur' })
      .max(336, { error: 'hoogstens 336 uur (twee weken)' })
      .optional(),
  ),
  ...questionInputShape,
});
export type CreateBroadcastInput = z.infer<typeof createBroadcastSchema>;

/**
 * Input of `PATCH /api/broadcasts/:id`: any part of a draft; what is left out stays as it was.
 * Fields are replaced as a whole set, as the console form sends them.
 */
export const updateBroadcastSchema = z.strictObject({
  script: slugSchema.optional(),
  channels: z
    .array(z.enum(BROADCAST_CHANNELS))
    .min(1)
    .max(3)
    .transform((list) => [...new Set(list)])
    .optional(),
  lists: z.array(z.string().min(1).max(100)).max(50).optional(),
  training: z.boolean().optional(),
  fields: fieldsSchema.optional(),
  severity: z.enum(SEVERITIES).optional(),
  area: z.string().trim().min(1).max(200).optional(),
  ...questionUpdateShape,
});
export type UpdateBroadcastInput = z.infer<typeof updateBroadcastSchema>;

/** Input of `POST /api/broadcasts/:id/correct`: fields that change; the rest comes from the original. */
export const correctBroadcastSchema = z.strictObject({
  fields: fieldsSchema.default({}),
});

/** Input of `POST /api/broadcasts/:id/reject`: why the approver sends a draft back. */
export const rejectBroadcastSchema = z.strictObject({
  /** Shown to the author and written to the audit log. */
  reason: z.string().trim().min(1).max(500),
});

/** Why a submitted broadcast was sent back to its author. */
export interface ReturnedNote {
  by: string;
  at: string;
  reason: string;
}

/** The texts of a broadcast per channel, final (placeholders filled). */
export interface BroadcastTexts {
  title: string;
  /** Plain text for the web page and feeds; paragraphs separated by blank lines. */
  webBody: string;
  emailSubject: string;
  emailText: string;
  smsText: string;
}

/** A broadcast as stored. Times are ISO 8601 strings (UTC). */
export interface Broadcast extends BroadcastTexts {
  id: string;
  messageType: MessageType;
  /** Id of the broadcast this one updates or cancels. */
  references: string | null;
  scriptSlug: string;
  scenario: string;
  status: BroadcastStatus;
  training: boolean;
  channels: BroadcastChannel[];
  lists: string[];
  fields: Record<string, string>;
  severity: Severity;
  area: string;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  approvedBy: string | null;
  publishedAt: string | null;
  /** Set when an approver sent the broadcast back; cleared when it is submitted again. */
  returned: ReturnedNote | null;
}
