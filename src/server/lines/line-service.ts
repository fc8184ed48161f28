import { parseFrontmatter } from '../../catalog/parse-frontmatter.ts';
import { nextVersion, stampLine } from '../../catalog/stamp-line.ts';
import { lintProposedLine, PENDING_AGREEMENT } from '../../lint/lint-line.ts';
import type { FieldProblem } from '../../schemas/input-messages.ts';
import type { LineProposalKind } from '../../schemas/line-proposal.ts';
import { type ScriptFrontmatter, scriptSchema } from '../../schemas/script.ts';
import type { UserSectorStore } from '../auth/user-sector-store.ts';
import type { User } from '../auth/user-store.ts';
import { type LineOutcome, refuse } from './line-outcome.ts';
import type { LineComment, LineProposal, SignOff } from './line-proposal-store.ts';
import { type PublishDeps, publishProposal } from './publish-proposal.ts';
import { maySee, sectorsConcerned, sectorsStillNeeded, signOffFor } from './sign-off-rules.ts';

/** A proposal as an editor sees it, with the sign-offs still needed. */
export interface ProposalView extends LineProposal {
  signOffs: SignOff[];
  stillNeeded: string[];
  comments: LineComment[];
}

/** After a sign-off: who signed for which sectors, and whether that published the line. */
export interface SignOffResult {
  signed: string[];
  stillNeeded: string[];
  published?: { version: string; commit: string } | undefined;
}

const NOT_FOUND = refuse(404, 'proposal-not-found', 'Dit voorstel bestaat niet, of u mag het niet zien.');
const NOT_AN_EDITOR = refuse(
  403,
  'not-an-editor',
  'Alleen redacteuren met een sector kunnen lijnen voorstellen en vaststellen. Vraag de beheerder om uw sector.',
);
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export interface LineServiceDeps extends PublishDeps {
  userSectors: UserSectorStore;
}

/**
 * Agreeing the lines: an editor proposes a new or changed line, an editor of every sector
 * it concerns signs off, and the last sign-off publishes it (Markdown file, git commit,
 * rebuilt site). Every step is audited; every rule is checked here, not only in the page.
 */
export class LineService {
  readonly #d: LineServiceDeps;

  constructor(deps: LineServiceDeps) {
    this.#d = deps;
  }

  /** The sectors an editor signs for; empty for anyone else. */
  async sectorsOf(user: User): Promise<string[]> {
    return user.role === 'editor' ? this.#d.userSectors.of(user.id) : [];
  }

  /** Lints a proposed file as it would be published: the lint's Dutch problems, field by field. */
  async check(slug: string, markdown: string): Promise<FieldProblem[]> {
    return (await this.#checked(slug, markdown)).problems;
  }

  async #checked(slug: string, markdown: string): Promise<{ problems: FieldProblem[]; data?: ScriptFrontmatter }> {
    const current = await this.#d.catalog.line(slug);
    const { stamped, problems } = lintProposedLine(slug, markdown, await this.#d.catalog.slugs(), {
      version: nextVersion(current?.data?.version),
      today: isoDate(this.#d.clock.now()),
    });
    const data = frontmatterOf(stamped);
    const fields = problems.map(({ field, message }) => ({ field, message }));
    return fields.length > 0 || !data ? { problems: fields } : { problems: fields, data };
  }

  /** Proposes a new line or a change to one: `{slug, markdown}` → the proposal's id. */
  async propose(input: { slug: string; markdown: string }, user: User): Promise<LineOutcome<{ id: number }>> {
    return this.#open(input.slug, input.markdown, 'change', user);
  }

  /** Proposes to agree a line again unchanged, valid for one more year from today. */
  async renew(slug: string, user: User): Promise<LineOutcome<{ id: number }>> {
    const current = await this.#d.catalog.line(slug);
    if (!current?.data) return refuse(404, 'line-not-found', 'Deze lijn bestaat niet.');
    const markdown = stampLine(current.source, {
      version: current.data.version,
      vastgesteldDoor: current.data.vastgesteld_door ?? PENDING_AGREEMENT,
      vastgesteldOp: current.data.vastgesteld_op ?? isoDate(this.#d.clock.now()),
      geldigTot: isoDate(new Date(this.#d.clock.now().getTime() + YEAR_MS)),
    });
    return this.#open(slug, markdown, 'renew', user);
  }

  async #open(
    slug: string,
    markdown: string,
    kind: LineProposalKind,
    user: User,
  ): Promise<LineOutcome<{ id: number }>> {
    const mine = await this.sectorsOf(user);
    if (mine.length === 0) return NOT_AN_EDITOR;
    const { problems, data } = await this.#checked(slug, markdown);
    if (!data) return { ok: false, invalid: problems };
    const current = await this.#d.catalog.line(slug);
    const all = [...(await this.#d.catalog.sectorNames()).keys()];
    const sectors = sectorsConcerned(data.sectors, all, current?.data?.sectors);
    if (!sectors.some((sector) => mine.includes(sector)))
      return refuse(403, 'not-your-sector', 'U kunt alleen lijnen voorstellen die over uw eigen sector gaan.');
    const now = this.#d.clock.now().getTime();
    return this.#d.sql.transaction(async () => {
      const open = await this.#d.proposals.findUnpublished(slug);
      if (open)
        return refuse(
          409,
          'proposal-open',
          `Voor deze lijn staat al een voorstel open (nummer ${open.id}). Werk dat bij of wacht tot het is vastgesteld.`,
        );
      const id = await this.#d.proposals.create({
        slug,
        kind: current ? kind : 'new',
        markdown,
        baseVersion: current?.data?.version ?? null,
        sectors,
        proposedBy: user.username,
        at: now,
      });
      await this.#d.audit.append({
        actor: user.username,
        action: 'line.proposed',
        subject: `line-proposal:${id}`,
        details: { slug, kind: current ? kind : 'new', sectors, baseVersion: current?.data?.version ?? null },
      });
      return { ok: true as const, value: { id } };
    });
  }

  /** A new text for a proposal, by its proposer; the sign-offs so far no longer count. */
  async revise(id: number, markdown: string, user: User): Promise<LineOutcome<{ id: number }>> {
    const proposal = await this.#d.proposals.get(id);
    if (!proposal || !maySee(proposal, { username: user.username, sectors: await this.sectorsOf(user) }))
      return NOT_FOUND;
    if (proposal.proposedBy !== user.username)
      return refuse(403, 'not-proposer', 'Alleen wie de lijn voorstelde, kan het voorstel aanpassen.');
    const { problems, data } = await this.#checked(proposal.slug, markdown);
    if (!data) return { ok: false, invalid: problems };
    const current = await this.#d.catalog.line(proposal.slug);
    const all = [...(await this.#d.catalog.sectorNames()).keys()];
    const sectors = sectorsConcerned(data.sectors, all, current?.data?.sectors);
    return this.#d.sql.transaction(async () => {
      const now = await this.#d.proposals.get(id);
      if (!now || (now.status !== 'open' && now.status !== 'changes-requested'))
        return refuse(409, 'already-agreed', 'Deze lijn is al vastgesteld.');
      await this.#d.proposals.revise(id, markdown, sectors, this.#d.clock.now().getTime());
      await this.#d.audit.append({
        actor: user.username,
        action: 'line.revised',
        subject: `line-proposal:${id}`,
        details: { sectors },
      });
      return { ok: true as const, value: { id } };
    });
  }

  /** A partner asks for changes, with a comment; signing waits for a new version. */
  async requestChanges(id: number, comment: string, user: User): Promise<LineOutcome<ProposalView>> {
    const sectors = await this.sectorsOf(user);
    const proposal = await this.#d.proposals.get(id);
    if (!proposal || !maySee(proposal, { username: user.username, sectors })) return NOT_FOUND;
    if (!proposal.sectors.some((sector) => sectors.includes(sector)))
      return refuse(
        403,
        'not-your-sector',
        'Alleen redacteuren van de betrokken sectoren kunnen om wijzigingen vragen.',
      );
    const outcome = await this.#d.sql.transaction(async () => {
      const at = this.#d.clock.now().getTime();
      const moved =
        (await this.#d.proposals.moveStatus(id, 'open', 'changes-requested', at)) ||
        (await this.#d.proposals.get(id))?.status === 'changes-requested';
      if (!moved) return refuse(409, 'already-agreed', 'Deze lijn is al vastgesteld.');
      await this.#d.proposals.addComment(id, { username: user.username, comment, at });
      await this.#d.audit.append({
        actor: user.username,
        action: 'line.changes-requested',
        subject: `line-proposal:${id}`,
        details: { comment },
      });
      return { ok: true as const, value: undefined };
    });
    return outcome.ok ? this.#viewOf(id) : outcome;
  }

  /**
   * Signs off for every sector of the editor that still has to agree. The last sign-off
   * publishes the line: the file is written and committed, and the site rebuilt.
   */
  async signOff(id: number, user: User): Promise<LineOutcome<SignOffResult>> {
    const sectors = await this.sectorsOf(user);
    if (sectors.length === 0) return NOT_AN_EDITOR;
    const step = await this.#d.sql.transaction(async () => {
      const proposal = await this.#d.proposals.get(id);
      if (!proposal || !maySee(proposal, { username: user.username, sectors })) return NOT_FOUND;
      const signOffs = await this.#d.proposals.signOffs(id);
      const at = this.#d.clock.now().getTime();
      if (proposal.status === 'open' && sectorsStillNeeded(proposal, signOffs).length === 0) {
        // Every sector signed but publishing failed (git, or the lint against newer content):
        // a partner of the line, not the proposer, tries again.
        if (proposal.proposedBy === user.username || !proposal.sectors.some((s) => sectors.includes(s)))
          return refuse(
            403,
            'not-your-sector',
            'Alleen een andere redacteur van een betrokken sector kan opnieuw vastleggen.',
          );
        const retry = await this.#d.proposals.moveStatus(id, 'open', 'publishing', at);
        await this.#d.audit.append({
          actor: user.username,
          action: 'line.publish-retried',
          subject: `line-proposal:${id}`,
          details: {},
        });
        return { ok: true as const, value: { signed: [], stillNeeded: [], publish: retry } };
      }
      const rule = signOffFor(proposal, signOffs, { username: user.username, sectors });
      if (!rule.ok) return rule;
      for (const sector of rule.sectors)
        await this.#d.proposals.addSignOff(id, { sector, username: user.username, at });
      const stillNeeded = sectorsStillNeeded(proposal, await this.#d.proposals.signOffs(id));
      await this.#d.audit.append({
        actor: user.username,
        action: 'line.signed-off',
        subject: `line-proposal:${id}`,
        details: { slug: proposal.slug, sectors: rule.sectors, stillNeeded },
      });
      // Claimed here, in the same transaction: a second, simultaneous last sign-off cannot publish twice.
      const publish = stillNeeded.length === 0 && (await this.#d.proposals.moveStatus(id, 'open', 'publishing', at));
      return { ok: true as const, value: { signed: rule.sectors, stillNeeded, publish } };
    });
    if (!step.ok) return step;
    const { signed, stillNeeded, publish } = step.value;
    if (!publish) return { ok: true, value: { signed, stillNeeded } };
    const published = await publishProposal(this.#d, id, user);
    return published.ok ? { ok: true, value: { signed, stillNeeded, published: published.value } } : published;
  }

  /** The proposal with its sign-offs, what is still needed, and the comments; 404 for those who may not see it. */
  async view(id: number, user: User): Promise<LineOutcome<ProposalView>> {
    const proposal = await this.#d.proposals.get(id);
    if (!proposal || !maySee(proposal, { username: user.username, sectors: await this.sectorsOf(user) }))
      return NOT_FOUND;
    return this.#viewOf(id);
  }

  async #viewOf(id: number): Promise<LineOutcome<ProposalView>> {
    const proposal = await this.#d.proposals.get(id);
    if (!proposal) return NOT_FOUND;
    const signOffs = await this.#d.proposals.signOffs(id);
    return {
      ok: true,
      value: {
        ...proposal,
        signOffs,
        stillNeeded: proposal.status === 'published' ? [] : sectorsStillNeeded(proposal, signOffs),
        comments: await this.#d.proposals.comments(id),
      },
    };
  }

  /** The file of a published line as it is now, for the editor's form. */
  async currentSource(slug: string): Promise<string | undefined> {
    return (await this.#d.catalog.line(slug))?.source;
  }

  /** What the line editor needs of the catalog: the slugs the lint checks against. */
  async catalogSlugs() {
    return this.#d.catalog.slugs();
  }

  /** The published lines that concern one of the editor's sectors, with their sectors expanded. */
  async linesOf(user: User): Promise<Array<{ slug: string; data: ScriptFrontmatter; sectors: string[] }>> {
    const mine = await this.sectorsOf(user);
    const all = [...(await this.#d.catalog.sectorNames()).keys()];
    return (await this.#d.catalog.lines()).flatMap((line) => {
      if (!line.data) return [];
      const sectors = sectorsConcerned(line.data.sectors, all);
      return sectors.some((sector) => mine.includes(sector)) ? [{ slug: line.slug, data: line.data, sectors }] : [];
    });
  }

  /** The editor's agreed lines whose geldig_tot is within `days` days from today (or past), soonest first. */
  async expiringSoon(
    user: User,
    days: number,
  ): Promise<Array<{ slug: string; data: ScriptFrontmatter; sectors: string[] }>> {
    const limit = isoDate(new Date(this.#d.clock.now().getTime() + days * 24 * 60 * 60 * 1000));
    return (await this.linesOf(user))
      .filter((line) => line.data.status === 'vastgesteld' && line.data.geldig_tot <= limit)
      .sort((a, b) => a.data.geldig_tot.localeCompare(b.data.geldig_tot));
  }

  /** The proposals not yet published that an editor may see, newest first. */
  async list(user: User): Promise<LineProposal[]> {
    const sectors = await this.sectorsOf(user);
    return (await this.#d.proposals.listUnpublished()).filter((p) => maySee(p, { username: user.username, sectors }));
  }
}

/** The frontmatter of a line that passed the lint. */
function frontmatterOf(markdown: string): ScriptFrontmatter | undefined {
  return scriptSchema.safeParse(parseFrontmatter(markdown).data ?? {}).data;
}
