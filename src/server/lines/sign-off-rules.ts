import { ALL_SECTORS } from '../../schemas/script.ts';
import type { Refusal } from '../broadcast/broadcast-rules.ts';
import type { LineProposal, SignOff } from './line-proposal-store.ts';

/**
 * The sectors a line concerns: its own list, or every sector for `alle-sectoren`. A change
 * also concerns the sectors of the line it replaces: a partner is not taken off a line
 * without agreeing.
 */
export function sectorsConcerned(
  sectors: string | readonly string[],
  allSectors: readonly string[],
  previous?: string | readonly string[],
): string[] {
  const expand = (value: string | readonly string[]) => (value === ALL_SECTORS ? allSectors : [value].flat());
  const wanted = new Set([...expand(sectors), ...(previous === undefined ? [] : expand(previous))]);
  return allSectors.filter((sector) => wanted.has(sector));
}

/** The sectors that still have to sign off. */
export function sectorsStillNeeded(proposal: Pick<LineProposal, 'sectors'>, signOffs: readonly SignOff[]): string[] {
  const signed = new Set(signOffs.map((s) => s.sector));
  return proposal.sectors.filter((sector) => !signed.has(sector));
}

/**
 * Which sectors `editor` signs for now, or why not. An editor signs for every sector of
 * theirs that still has to agree. The proposer never signs their own proposal: each sector's
 * agreement comes from another person, so nobody publishes a line alone.
 */
export function signOffFor(
  proposal: Pick<LineProposal, 'sectors' | 'status' | 'proposedBy'>,
  signOffs: readonly SignOff[],
  editor: { username: string; sectors: readonly string[] },
): { ok: true; sectors: string[] } | { ok: false; refusal: Refusal } {
  if (proposal.status === 'published' || proposal.status === 'publishing')
    return refusal(409, 'already-agreed', 'Deze lijn is al vastgesteld.');
  if (proposal.status === 'changes-requested')
    return refusal(
      409,
      'changes-requested',
      'Er is om wijzigingen gevraagd. Tekenen kan weer als de indiener een nieuwe versie heeft ingediend.',
    );
  if (proposal.proposedBy === editor.username)
    return refusal(
      403,
      'own-proposal',
      'U heeft deze lijn zelf voorgesteld. Een andere redacteur van elke betrokken sector moet tekenen.',
    );
  const needed = sectorsStillNeeded(proposal, signOffs);
  const mine = needed.filter((sector) => editor.sectors.includes(sector));
  if (mine.length > 0) return { ok: true, sectors: mine };
  if (proposal.sectors.some((sector) => editor.sectors.includes(sector)))
    return refusal(409, 'already-signed', 'Uw sector heeft al getekend voor deze lijn.');
  return refusal(
    403,
    'not-your-sector',
    'Deze lijn gaat niet over uw sector. Alleen redacteuren van de betrokken sectoren tekenen.',
  );
}

/** Whether an editor may see a proposal: the proposer, and editors of a sector it concerns. */
export function maySee(
  proposal: Pick<LineProposal, 'sectors' | 'proposedBy'>,
  editor: { username: string; sectors: readonly string[] },
): boolean {
  return proposal.proposedBy === editor.username || proposal.sectors.some((s) => editor.sectors.includes(s));
}

const refusal = (status: Refusal['status'], code: string, message: string) =>
  ({ ok: false, refusal: { status, code, message } }) as const;
