import { formatDateTime } from '../catalog/format-date-time.ts';
import { routes } from '../catalog/routes.ts';
import { BakenError } from '../errors/baken-error.ts';

/** One public page of updates as the hub renders it, and where it goes in the bundle's site/. */
export interface SnapshotPage {
  /** Address on the hub. */
  path: string;
  /** File under site/ that answers the same address in the bundle. */
  file: string;
  /** HTML pages get a notice saying when the snapshot was taken. */
  html: boolean;
}

/**
 * The pages of updates a bundle shows: what the menu's "Actueel" and the sitemap's
 * "Oefenberichten" link to, and the feeds /actueel/ links to. Everything else is prebuilt.
 */
export const SNAPSHOT_PAGES: readonly SnapshotPage[] = [
  { path: routes.updates, file: 'actueel/index.html', html: true },
  { path: routes.exercises, file: 'oefening/index.html', html: true },
  { path: routes.updatesJson, file: 'feeds/actueel.json', html: false },
  { path: routes.updatesAtom, file: 'feeds/actueel.atom', html: false },
];

/** The update pages of one hub at one moment, ready to be written into a bundle's site/. */
export interface UpdatesSnapshot {
  /** When the hub answered. */
  takenAt: Date;
  /** The hub it came from. */
  source: string;
  /** File under site/ → its bytes. */
  files: Map<string, Buffer>;
}

/** The hub did not give one of the pages; the message says which. */
export class UpdatesSnapshotError extends BakenError {
  constructor(message: string) {
    super('updates-snapshot-failed', message);
  }
}

/**
 * Fetches every page of `SNAPSHOT_PAGES` from the hub at `baseUrl` (the local hub at bundle
 * time; a relay can feed it from another hub later). HTML pages get a Dutch notice with the
 * moment, so a reader of /actueel/ knows how old the list is.
 */
export async function takeUpdatesSnapshot(
  baseUrl: string,
  fetchPage: typeof fetch = fetch,
  now: () => Date = () => new Date(),
): Promise<UpdatesSnapshot> {
  const files = new Map<string, Buffer>();
  const takenAt = now();
  for (const page of SNAPSHOT_PAGES) {
    const response = await fetchPage(new URL(page.path, baseUrl), { headers: { 'Accept-Encoding': 'identity' } });
    if (!response.ok)
      throw new UpdatesSnapshotError(
        `${page.path} van ${baseUrl} gaf status ${response.status}; de berichten konden niet in het pakket.`,
      );
    const body = page.html
      ? addSnapshotNotice(await response.text(), takenAt)
      : Buffer.from(await response.arrayBuffer());
    files.set(page.file, Buffer.from(body));
  }
  return { takenAt, source: baseUrl, files };
}

/** Puts the notice "Dit zijn de berichten zoals Baken ze had op …" right under the page's h1. */
export function addSnapshotNotice(html: string, takenAt: Date): string {
  const notice =
    '<p class="notice" role="note" data-snapshot-at>' +
    `Dit zijn de berichten zoals Baken ze had op <time datetime="${takenAt.toISOString()}">${formatDateTime(takenAt)}</time>. ` +
    'Er kunnen intussen nieuwe berichten zijn.</p>';
  const anchor = /<\/h1>/i.exec(html) ?? /<main\b[^>]*>/i.exec(html);
  if (!anchor) return notice + html;
  const at = anchor.index + anchor[0].length;
  return html.slice(0, at) + notice + html.slice(at);
}
