import type { Sql } from '../store/sql.ts';
import type { ContentRepository } from './content-repository.ts';
import type { LineCatalog } from './line-catalog-fs.ts';
import type { PublishedLine } from './line-proposal-store.ts';

/** What a process notifies on after it published a line. */
export const LINES_CHANNEL = 'baken_lines';

export interface LineFollowerDeps {
  /** Per line, the newest agreed version as it was committed (LineProposalStore.latestPublished). */
  latestPublished(): Promise<PublishedLine[]>;
  catalog: Pick<LineCatalog, 'line'>;
  repository: ContentRepository;
  /** Asks for the site to be rebuilt (does not wait for it). */
  rebuild: () => void;
}

/** Orders line versions as numbers per part: 1.10 comes after 1.9; a missing or odd part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Brings this process's content folder up to every line the partners agreed through any
 * process of the shared store: a line whose file here is missing or older is written and
 * committed with the same message (and where it came from), then the site is rebuilt once. A
 * file here that is newer or the same version is left alone (an operator updated the folder
 * by hand, or this is where it was published). Returns the slugs it brought in.
 */
export async function followPublishedLines(d: LineFollowerDeps): Promise<string[]> {
  const applied: string[] = [];
  for (const line of await d.latestPublished()) {
    const here = await d.catalog.line(line.slug);
    if (here?.source === line.source) continue;
    const version = here?.data?.version;
    if (version !== undefined && compareVersions(line.version, version) <= 0) continue;
    await d.repository.commitLine(line.slug, line.source, `${line.message}Overgenomen-van: ${line.commit}\n`);
    applied.push(line.slug);
  }
  if (applied.length > 0) d.rebuild();
  return applied;
}

/**
 * Follows the agreed lines in a web process on a shared store: once at start, whenever
 * another process notifies LINES_CHANNEL, and every `everyMs` as the safety net. Passes never
 * overlap; a failed pass is logged and tried again at the next occasion. Returns stop.
 */
export async function startLineFollower(
  sql: Pick<Sql, 'listen'>,
  follow: () => Promise<string[]>,
  everyMs = 60_000,
): Promise<() => Promise<void>> {
  let running: Promise<void> | undefined;
  let again = false;
  const pass = () => {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const applied = await follow();
          if (applied.length > 0) console.log(`Baken: vastgestelde lijnen overgenomen: ${applied.join(', ')}`);
        } catch (error) {
          console.error('Baken: vastgestelde lijnen overnemen mislukt:', error);
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
  };
  const stopListening = await sql.listen(LINES_CHANNEL, pass);
  pass();
  const timer = setInterval(pass, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await stopListening();
    await running;
  };
}
