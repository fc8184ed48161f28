import { z } from 'zod';
import { slugSchema } from './slug.ts';

/** The most characters a proposed line may have (the longest line today is about 5,000). */
export const MAX_LINE_MARKDOWN = 64_000;
/** The most characters of a request for changes. */
export const MAX_LINE_COMMENT = 2_000;

export const LINE_PROPOSAL_KINDS = ['new', 'change', 'renew'] as const;
export type LineProposalKind = (typeof LINE_PROPOSAL_KINDS)[number];

export const LINE_PROPOSAL_STATUSES = ['open', 'changes-requested', 'publishing', 'published'] as const;
export type LineProposalStatus = (typeof LINE_PROPOSAL_STATUSES)[number];

/** `POST /api/lines/proposals`: a whole line file as an editor writes it. */
export const proposeLineSchema = z.strictObject({
  /** File name without `.md` in `content/scripts/`: an existing line (a change) or a new one. */
  slug: z.string().max(80).pipe(slugSchema),
  /** The whole Markdown file; the hub sets status, version and the vastgesteld fields. */
  markdown: z.string().min(1).max(MAX_LINE_MARKDOWN),
});

/** `POST /api/lines/proposals/:id/revise`: a new text for a proposal (sign-offs start again). */
export const reviseLineSchema = proposeLineSchema.pick({ markdown: true });

/** `POST /api/lines/proposals/:id/request-changes`. */
export const requestChangesSchema = z.strictObject({
  /** What should change, for the proposer. */
  comment: z.string().trim().min(1).max(MAX_LINE_COMMENT),
});

/** `POST /api/lines/renewals`: agree a line again unchanged, with a new expiry date. */
export const renewLineSchema = proposeLineSchema.pick({ slug: true });

/** A proposal's id in a URL. */
export const proposalIdSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
