import type { KeyObject } from 'node:crypto';
import type { UpdatesDocument } from '../schemas/signed-updates.ts';
import type { Clock } from '../server/clock.ts';
import { type FetchText, SIGNED_UPDATES_PATH } from './fetch-signed-updates.ts';
import type { RelayCopyStore } from './relay-copy-fs.ts';
import { verifySignedUpdates } from './verify-signed-updates.ts';

/** Longest wait between attempts while the central hub cannot be reached. */
export const MAX_BACKOFF_MS = 5 * 60_000;

/** What a relay knows right now, for its pages. */
export interface RelayStatus {
  /** Address of the central hub. */
  upstream: string;
  /** The last accepted signed updates, with their exact envelope text and fetch time. */
  copy: { document: UpdatesDocument; envelope: string; fetchedAt: Date } | undefined;
  /** The last attempt that failed because the hub could not be reached. Cleared by a success. */
  unreachable: { at: Date; reason: string } | undefined;
  /** The last answer that was refused (bad signature, other key, older copy). */
  refused: { at: Date; reason: string } | undefined;
}

export interface FollowUpstreamOptions {
  /** Base address of the central hub, e.g. http://10.0.0.5:4321 */
  upstream: string;
  /** The one key the relay trusts. */
  trusted: { key: KeyObject; keyId: string };
  store: RelayCopyStore;
  clock: Clock;
  fetchText: FetchText;
  /** Wait between fetches while all is well; doubled after each failure, up to MAX_BACKOFF_MS. */
  pollMs: number;
  /** Dutch lines for the operator (console). */
  log: (line: string) => void;
}

/** Delay before the next attempt after `failures` failed ones in a row. */
export function nextDelay(pollMs: number, failures: number): number {
  const cap = Math.max(pollMs, Math.min(pollMs * 8, MAX_BACKOFF_MS));
  return Math.min(pollMs * 2 ** Math.min(failures, 30), cap);
}

/**
 * Follows a central hub: fetches its signed public updates now and then, keeps the newest
 * copy that verifies (on disk too), and goes on showing it while the hub is gone.
 */
export class UpstreamFollower {
  readonly #options: FollowUpstreamOptions;
  readonly #host: string;
  #status: RelayStatus;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: FollowUpstreamOptions) {
    this.#options = options;
    this.#host = new URL(options.upstream).host;
    this.#status = { upstream: options.upstream, copy: undefined, unreachable: undefined, refused: undefined };
    this.#loadStoredCopy();
  }

  status(): RelayStatus {
    return this.#status;
  }

  /** Starts polling at once; later fetches follow the poll interval and the backoff. */
  start(): void {
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** One fetch; records the outcome and resolves whether it was accepted. */
  async pollOnce(): Promise<boolean> {
    const { fetchText, upstream, trusted, clock, store, log } = this.#options;
    let text: string;
    try {
      text = await fetchText(new URL(SIGNED_UPDATES_PATH, upstream).href);
    } catch (error) {
      if (!this.#status.unreachable)
        log(
          `Baken: de centrale hub ${this.#host} is niet bereikbaar (${(error as Error).message}). De laatst opgehaalde berichten blijven zichtbaar.`,
        );
      this.#status = { ...this.#status, unreachable: { at: clock.now(), reason: (error as Error).message } };
      return false;
    }
    const held = this.#status.copy?.document;
    const result = verifySignedUpdates(text, trusted, held && { sequence: held.sequence, signedAt: held.signedAt });
    const now = clock.now();
    if (!result.ok) {
      log(`Baken: berichten van ${this.#host} GEWEIGERD: ${result.reason}. Ze worden niet getoond.`);
      this.#status = { ...this.#status, unreachable: undefined, refused: { at: now, reason: result.reason } };
      return false;
    }
    if (!held || result.document.sequence !== held.sequence) {
      log(
        `Baken: ${result.document.updates.length} bericht(en) opgehaald van ${this.#host} (volgnummer ${result.document.sequence}).`,
      );
    }
    try {
      store.save({ upstream, envelope: text, fetchedAt: now.toISOString() });
    } catch (error) {
      // A read-only USB stick: keep serving from memory, and say the copy will not survive a restart.
      log(
        `Baken: de berichten kunnen niet bewaard worden (${(error as Error).message}). Na een herstart zijn ze pas terug als de centrale hub bereikbaar is.`,
      );
    }
    this.#status = {
      ...this.#status,
      copy: { document: result.document, envelope: text, fetchedAt: now },
      unreachable: undefined,
    };
    return true;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.pollOnce()
        .catch(() => false)
        .then((accepted) => {
          this.#failures = accepted ? 0 : this.#failures + 1;
          this.#schedule(nextDelay(this.#options.pollMs, this.#failures));
        });
    }, delay);
    // A relay that only polls must not keep a process alive that is otherwise done.
    this.#timer.unref();
  }

  // A copy on disk is checked like a fresh one: a file someone changed is not shown.
  #loadStoredCopy(): void {
    const stored = this.#options.store.load();
    if (!stored || stored.upstream !== this.#options.upstream) return;
    const result = verifySignedUpdates(stored.envelope, this.#options.trusted, undefined);
    if (!result.ok) {
      this.#options.log(`Baken: de bewaarde berichten zijn geweigerd: ${result.reason}.`);
      return;
    }
    this.#status = {
      ...this.#status,
      copy: { document: result.document, envelope: stored.envelope, fetchedAt: new Date(stored.fetchedAt) },
    };
  }
}
