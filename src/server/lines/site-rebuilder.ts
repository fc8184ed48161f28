import { readdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import { LIVE_LINK } from '../live-client-dir.ts';
import { takeRebuildLock } from './rebuild-lock.ts';

/** Builds the site into a folder (the real Astro build, in its own process). */
export type BuildSite = (outDir: string) => Promise<void>;

/** What the rebuilds did, for the console and the API. */
export interface RebuildState {
  status: 'idle' | 'building' | 'failed';
  /** When the site now served was built (ms since the epoch); undefined before the first rebuild. */
  builtAt?: number | undefined;
  /** Why the last rebuild failed, for the server log. */
  error?: string | undefined;
}

const RELEASES = 'releases';
/** Older releases kept besides the one served, so a tab that loaded a page just before a swap still finds its files. */
const KEEP_OLD_RELEASES = 1;

/**
 * Rebuilds the site after a line is published, without interrupting the running hub: each
 * build goes into a fresh folder under `releases/`, and only a complete build is swapped in,
 * by renaming a new `live` link over the old one (rename is atomic, so every request sees
 * either the old tree or the new one, never half of each). Requests that arrive during a
 * build start one more build after it, not one each.
 */
export class SiteRebuilder {
  readonly #distDir: string;
  readonly #build: BuildSite;
  readonly #clock: Clock;
  #state: RebuildState = { status: 'idle' };
  #running: Promise<void> | undefined;
  #again = false;

  constructor(distDir: string, build: BuildSite, clock: Clock) {
    this.#distDir = distDir;
    this.#build = build;
    this.#clock = clock;
  }

  get state(): RebuildState {
    return { ...this.#state };
  }

  /** Starts a rebuild (or queues one after the running one); resolves when the site has the change. */
  request(): Promise<void> {
    if (this.#running !== undefined) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#once();
    } while (this.#again);
  }

  async #once(): Promise<void> {
    // Web processes sharing this dist folder take turns (rebuild-lock.ts).
    const release = await takeRebuildLock(this.#distDir);
    try {
      await this.#buildOnce();
    } finally {
      await release();
    }
  }

  async #buildOnce(): Promise<void> {
    const started = this.#clock.now().getTime();
    const name = `${started}-${process.pid}`;
    const releases = join(this.#distDir, RELEASES);
    const outDir = join(releases, name);
    this.#state = { ...this.#state, status: 'building', error: undefined };
    try {
      await this.#build(outDir);
      const next = join(this.#distDir, `${LIVE_LINK}.${name}.tmp`);
      await symlink(join(RELEASES, name, 'client'), next, 'dir');
      await rename(next, join(this.#distDir, LIVE_LINK));
      this.#state = { status: 'idle', builtAt: started };
      await this.#removeOldReleases(name);
    } catch (error) {
      await rm(outDir, { recursive: true, force: true });
      this.#state = { ...this.#state, status: 'failed', error: error instanceof Error ? error.message : String(error) };
      console.error(`Baken: de site opnieuw bouwen mislukte: ${this.#state.error}`);
    }
  }

  async #removeOldReleases(current: string): Promise<void> {
    const releases = join(this.#distDir, RELEASES);
    const old = (await readdir(releases)).filter((name) => name !== current).sort();
    for (const name of old.slice(0, Math.max(0, old.length - KEEP_OLD_RELEASES)))
      await rm(join(releases, name), { recursive: true, force: true });
  }
}
