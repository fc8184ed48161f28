import { parseFrontmatter } from '../../catalog/parse-frontmatter.ts';
import { nextVersion, stampLine } from '../../catalog/stamp-line.ts';
import { lintLine } from '../../lint/lint-line.ts';
import { scriptSchema } from '../../schemas/script.ts';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { User } from '../auth/user-store.ts';
import type { Clock } from '../clock.ts';
import type { Sql } from '../store/sql.ts';
import type { ContentRepository } from './content-repository.ts';
import type { LineCatalog } from './line-catalog-fs.ts';
import { LINES_CHANNEL } from './line-follower.ts';
import { type LineOutcome, refuse } from './line-outcome.ts';
import type { LineProposalStore } from './line-proposal-store.ts';

/** What publishing needs. */
export interface PublishDeps {
  sql: Sql;
  clock: Clock;
  audit: AuditLog;
  proposals: LineProposalStore;
  catalog: LineCatalog;
  repository: ContentRepository;
  /** Asks for the site to be rebuilt with the new line (does not wait for it). */
  rebuild: () => void;
}

/**
 * Publishes a proposal every sector signed (claimed as `publishing` by the caller): stamps
 * the file with the next version and the partners, lints it against the content as it is
 * now, commits it with the signers named, marks the proposal published and asks for a
 * rebuild. On any failure the proposal goes back to `open` with its sign-offs, and the file
 * is as it was.
 */
export async function publishProposal(
  d: PublishDeps,
  id: number,
  user: User,
): Promise<LineOutcome<{ version: string; commit: string }>> {
  const proposal = await d.proposals.get(id);
  if (!proposal) throw new Error(`line proposal ${id} is gone while publishing`);
  const signOffs = await d.proposals.signOffs(id);
  const names = await d.catalog.sectorNames();
  const current = await d.catalog.line(proposal.slug);
  const now = d.clock.now();
  const version = nextVersion(current?.data?.version);
  const source = stampLine(proposal.markdown, {
    version,
    vastgesteldDoor: proposal.sectors.map((sector) => names.get(sector) ?? sector).join(', '),
    vastgesteldOp: isoDate(now),
  });
  const problems = lintLine(proposal.slug, source, await d.catalog.slugs());
  const back = async (reason: string, details: Record<string, unknown>) => {
    await d.sql.transaction(async () => {
      await d.proposals.moveStatus(id, 'publishing', 'open', now.getTime());
      await d.audit.append({
        actor: user.username,
        action: 'line.publish-failed',
        subject: `line-proposal:${id}`,
        details,
      });
    });
    return refuse(500, 'publish-failed', reason);
  };
  if (problems.length > 0)
    return back(
      'De lijn past niet meer bij de rest van de inhoud en is niet vastgelegd. Pas het voorstel aan; de handtekeningen blijven staan tot dan.',
      { problems },
    );
  const title = scriptSchema.safeParse(parseFrontmatter(source).data ?? {}).data?.title ?? proposal.slug;
  const message = [
    `Lijn ${proposal.slug} vastgesteld: versie ${version}`,
    '',
    `${title}`,
    `Partners: ${proposal.sectors.map((sector) => names.get(sector) ?? sector).join(', ')}`,
    '',
    `Voorgesteld-door: ${proposal.proposedBy}`,
    ...signOffs.map((s) => `Getekend-door: ${s.username} (${s.sector}) op ${new Date(s.at).toISOString()}`),
    `Baken-voorstel: ${id}`,
    '',
  ].join('\n');
  let commit: string;
  try {
    commit = await d.repository.commitLine(proposal.slug, source, message);
  } catch (error) {
    console.error(`Baken: lijn ${proposal.slug} vastleggen in git mislukte: ${String(error)}`);
    return back(
      'Alle partners hebben getekend, maar het vastleggen lukte niet. Probeer het later opnieuw of meld het aan de beheerder.',
      { error: error instanceof Error ? error.message : String(error) },
    );
  }
  await d.sql.transaction(async () => {
    await d.proposals.markPublished(id, { version, commit, at: now.getTime(), source, message });
    // Web processes on other machines bring their content folder up to it (line-follower.ts).
    await d.sql.notify(LINES_CHANNEL);
    await d.audit.append({
      actor: user.username,
      action: 'line.published',
      subject: `line-proposal:${id}`,
      details: { slug: proposal.slug, version, commit, signers: signOffs.map((s) => `${s.username} (${s.sector})`) },
    });
  });
  d.rebuild();
  return { ok: true, value: { version, commit } };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
