import { z } from 'zod';
import {
  LINE_PROPOSAL_KINDS,
  LINE_PROPOSAL_STATUSES,
  type LineProposalKind,
  type LineProposalStatus,
} from '../../schemas/line-proposal.ts';
import { integer, jsonText, nullableInteger, nullableText, text } from '../store/columns.ts';
import type { Sql } from '../store/sql.ts';

/** An agreed line as it was committed where it was published. */
export interface PublishedLine {
  slug: string;
  version: string;
  commit: string;
  source: string;
  message: string;
}

const publishedRow = z
  .object({ slug: text, version: text, commit_id: text, source: text, message: text })
  .transform(({ commit_id, ...line }) => ({ ...line, commit: commit_id }));

/** One sector's agreement to a proposal. */
export interface SignOff {
  sector: string;
  username: string;
  /** ms since the epoch. */
  at: number;
}

/** A partner's request for changes. */
export interface LineComment {
  username: string;
  comment: string;
  at: number;
}

/** A line proposed in the console or the API, kept here until every sector concerned agreed. */
export interface LineProposal {
  id: number;
  slug: string;
  kind: LineProposalKind;
  /** The file as the editor wrote it (the hub stamps version and agreement on publishing). */
  markdown: string;
  /** Version of the published line it changes; null for a new line. */
  baseVersion: string | null;
  /** Every sector that must sign off. */
  sectors: string[];
  status: LineProposalStatus;
  proposedBy: string;
  createdAt: number;
  updatedAt: number;
  publishedVersion: string | null;
  publishedCommit: string | null;
  publishedAt: number | null;
}

const proposalRow = z
  .object({
    id: integer,
    slug: text,
    kind: z.enum(LINE_PROPOSAL_KINDS),
    markdown: text,
    base_version: nullableText,
    sectors: jsonText(z.array(z.string())),
    status: z.enum(LINE_PROPOSAL_STATUSES),
    proposed_by: text,
    created_at: integer,
    updated_at: integer,
    published_version: nullableText,
    published_commit: nullableText,
    published_at: nullableInteger,
  })
  .transform(
    (r): LineProposal => ({
      id: r.id,
      slug: r.slug,
      kind: r.kind,
      markdown: r.markdown,
      baseVersion: r.base_version,
      sectors: r.sectors,
      status: r.status,
      proposedBy: r.proposed_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      publishedVersion: r.published_version,
      publishedCommit: r.published_commit,
      publishedAt: r.published_at,
    }),
  );
const COLUMNS =
  'id, slug, kind, markdown, base_version, sectors, status, proposed_by, created_at, updated_at, published_version, published_commit, published_at';
const idRow = z.object({ id: integer });
const signOffRow = z.object({ sector: text, username: text, at: integer });
const commentRow = z.object({ username: text, comment: text, at: integer });

/** Proposals, their sign-offs and comments. */
export class LineProposalStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async create(p: {
    slug: string;
    kind: LineProposalKind;
    markdown: string;
    baseVersion: string | null;
    sectors: string[];
    proposedBy: string;
    at: number;
  }): Promise<number> {
    const row = await this.#sql.get(
      idRow,
      `INSERT INTO line_proposals (slug, kind, markdown, base_version, sectors, status, proposed_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $7) RETURNING id`,
      [p.slug, p.kind, p.markdown, p.baseVersion, JSON.stringify(p.sectors), p.proposedBy, p.at],
    );
    if (!row) throw new Error('line proposal insert returned no row');
    return row.id;
  }

  async get(id: number): Promise<LineProposal | undefined> {
    return this.#sql.get(proposalRow, `SELECT ${COLUMNS} FROM line_proposals WHERE id = $1`, [id]);
  }

  /** The proposal for `slug` that is not published yet, if any (there is at most one). */
  async findUnpublished(slug: string): Promise<LineProposal | undefined> {
    return this.#sql.get(
      proposalRow,
      `SELECT ${COLUMNS} FROM line_proposals WHERE slug = $1 AND status <> 'published'`,
      [slug],
    );
  }

  /** Every proposal not published yet, newest first. */
  async listUnpublished(): Promise<LineProposal[]> {
    return this.#sql.all(
      proposalRow,
      `SELECT ${COLUMNS} FROM line_proposals WHERE status <> 'published' ORDER BY updated_at DESC, id DESC`,
    );
  }

  async signOffs(id: number): Promise<SignOff[]> {
    return this.#sql.all(
      signOffRow,
      'SELECT sector, username, at FROM line_sign_offs WHERE proposal_id = $1 ORDER BY at, sector',
      [id],
    );
  }

  /** Records one sector's sign-off; false when that sector signed already. */
  async addSignOff(id: number, signOff: SignOff): Promise<boolean> {
    const changed = await this.#sql.run(
      `INSERT INTO line_sign_offs (proposal_id, sector, username, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (proposal_id, sector) DO NOTHING`,
      [id, signOff.sector, signOff.username, signOff.at],
    );
    return changed > 0;
  }

  async comments(id: number): Promise<LineComment[]> {
    return this.#sql.all(
      commentRow,
      'SELECT username, comment, at FROM line_comments WHERE proposal_id = $1 ORDER BY at, id',
      [id],
    );
  }

  async addComment(id: number, comment: LineComment): Promise<void> {
    await this.#sql.run('INSERT INTO line_comments (proposal_id, username, comment, at) VALUES ($1, $2, $3, $4)', [
      id,
      comment.username,
      comment.comment,
      comment.at,
    ]);
  }

  /** Moves a proposal from one status to another; false when it was not in `from` (someone else acted first). */
  async moveStatus(id: number, from: LineProposalStatus, to: LineProposalStatus, at: number): Promise<boolean> {
    return (
      (await this.#sql.run('UPDATE line_proposals SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4', [
        to,
        at,
        id,
        from,
      ])) > 0
    );
  }

  /** A new text: the sign-offs given so far no longer count. */
  async revise(id: number, markdown: string, sectors: string[], at: number): Promise<void> {
    await this.#sql.run(
      `UPDATE line_proposals SET markdown = $1, sectors = $2, status = 'open', updated_at = $3 WHERE id = $4`,
      [markdown, JSON.stringify(sectors), at, id],
    );
    await this.#sql.run('DELETE FROM line_sign_offs WHERE proposal_id = $1', [id]);
  }

  /** Marks a proposal published, with the file and the commit message as committed (for the other machines). */
  async markPublished(
    id: number,
    published: { version: string; commit: string; at: number; source: string; message: string },
  ): Promise<void> {
    const { version, commit, at, source, message } = published;
    await this.#sql.run(
      `UPDATE line_proposals SET status = 'published', published_version = $1, published_commit = $2, published_at = $3, updated_at = $3,
         published_source = $4, published_message = $5
       WHERE id = $6 AND status = 'publishing'`,
      [version, commit, at, source, message, id],
    );
  }

  /** Per line, the newest agreed version as it was committed (lines published before this was kept are left out). */
  async latestPublished(): Promise<PublishedLine[]> {
    return this.#sql.all(
      publishedRow,
      `SELECT slug, published_version AS version, published_commit AS commit_id, published_source AS source, published_message AS message
       FROM line_proposals p
       WHERE status = 'published' AND published_source IS NOT NULL AND published_message IS NOT NULL
         AND id = (SELECT q.id FROM line_proposals q WHERE q.slug = p.slug AND q.status = 'published'
                   ORDER BY q.published_at DESC, q.id DESC LIMIT 1)
       ORDER BY slug`,
    );
  }

  /** Records that the reminder `daysBefore` days before `geldigTot` went out; false when it had already. */
  async recordExpiryNotice(slug: string, geldigTot: string, daysBefore: number, at: number): Promise<boolean> {
    return (
      (await this.#sql.run(
        `INSERT INTO line_expiry_notices (slug, geldig_tot, days_before, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (slug, geldig_tot, days_before) DO NOTHING`,
        [slug, geldigTot, daysBefore, at],
      )) > 0
    );
  }
}
