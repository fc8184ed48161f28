import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { addressOn, fallbackChannel } from '../subscribers/pick-channel.ts';
import type { EmailTransport, SmsTransport } from '../transports/transport.ts';
import { buildMessage } from './build-message.ts';
import type { ClaimedRow, Completion, Lane, OutboxStore } from './outbox-store.ts';
import { type PoolOptions, ProviderPool, type ProviderStatus } from './provider-pool.ts';
import {
  DEFAULT_RETRY,
  type Decision,
  decideAfterFailure,
  decideWhenUnavailable,
  type RetryOptions,
} from './retry-policy.ts';
import type { WorkerHeartbeats } from './worker-heartbeat-store.ts';

export interface ChannelTransports {
  email: EmailTransport[];
  sms: SmsTransport[];
}

/** What became of one message a worker handled, for the metrics. */
export type HandleOutcome = 'sent' | 'retry' | 'waiting' | 'fallback' | 'failed' | 'deleted' | 'lost-claim';

export interface WorkerObserver {
  handled(channel: Lane['channel'], outcome: HandleOutcome): void;
}

export interface WorkerOptions {
  outbox: OutboxStore;
  clock: Clock;
  /** Live providers per channel, in order of preference. */
  live: ChannelTransports;
  /** The local spools: the only transports an exercise (training) ever uses. */
  spool: ChannelTransports;
  /** Public address of the hub, for unsubscribe links. */
  publicUrl: string;
  /** The sending organisation, named in every email (default: the public URL's host name). */
  orgName?: string | undefined;
  /** Name of this worker in leases; random when not given. */
  owner?: string;
  /** Most rows this worker holds at once (over all channels). */
  batchSize?: number;
  /** How long a claim holds; renewed while the worker lives, so only a dead worker's rows come back. */
  leaseMs?: number;
  retry?: RetryOptions;
  pool?: PoolOptions;
  random?: () => number;
  /** Where the worker says it is alive and how its providers are, for /api/health. */
  heartbeats?: WorkerHeartbeats;
  observer?: WorkerObserver;
}

interface LaneState {
  lane: Lane;
  pool: ProviderPool;
  inFlight: number;
  /** A lane whose last claim came back short is not asked again before this (real time), unless woken. */
  quietUntil: number;
}

const HEARTBEAT_MS = 5_000;
const SWEEP_MS = 5_000;

/**
 * Sends what is due in the outbox: claim, send with failover, then retry, fall back or finish.
 * Each pool of providers (email and SMS, live and training) is a lane; a worker claims per
 * lane only what its providers can take within the lease, renews the leases it holds while
 * it lives, and every completion is fenced by the claim's token.
 */
export class OutboxWorker {
  readonly owner: string;
  readonly #o: Required<Omit<WorkerOptions, 'pool' | 'owner' | 'heartbeats' | 'observer' | 'orgName'>> &
    Pick<WorkerOptions, 'heartbeats' | 'observer'> & { orgName: string };
  readonly #lanes: LaneState[];
  // Rows still held per claim token, so the renewal knows which leases to extend.
  readonly #held = new Map<string, number>();
  #renewTimer: NodeJS.Timeout | undefined;

  constructor(options: WorkerOptions) {
    this.owner = options.owner ?? `worker-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.#o = {
      batchSize: 100,
      leaseMs: 60_000,
      retry: DEFAULT_RETRY,
      random: Math.random,
      ...options,
      orgName: options.orgName ?? new URL(options.publicUrl).hostname,
    };
    const lane = (
      channel: Lane['channel'],
      training: boolean,
      list: Array<EmailTransport | SmsTransport>,
    ): LaneState => ({
      lane: { channel, training },
      pool: new ProviderPool(list, options.clock, options.pool),
      inFlight: 0,
      quietUntil: 0,
    });
    this.#lanes = [
      lane('email', false, options.live.email),
      lane('sms', false, options.live.sms),
      lane('email', true, options.spool.email),
      lane('sms', true, options.spool.sms),
    ];
  }

  /** How every live provider is doing. */
  providers(now = this.#o.clock.now().getTime()): ProviderStatus[] {
    return this.#lanes.filter((l) => !l.lane.training).flatMap((l) => l.pool.status(now));
  }

  /** How many rows a lane may claim now: what fits in the lease at the providers' rates, less what it holds. */
  #room(state: LaneState, free: number): number {
    const { batchSize, leaseMs } = this.#o;
    const capacity = state.pool.capacity(leaseMs, batchSize);
    // With no provider to try, claim a batch anyway: those rows are put back at once, to wait
    // (without using an attempt) or fall back, so the broadcast page says why they wait.
    if (capacity === 0) return state.inFlight === 0 ? free : 0;
    // Claim in chunks, not one row per finished message.
    if (state.inFlight > capacity / 2) return 0;
    return Math.min(free, capacity - state.inFlight);
  }

  async #claim(state: LaneState, limit: number): Promise<ClaimedRow[]> {
    const { outbox, clock, leaseMs } = this.#o;
    await state.pool.refreshShared();
    const rows = await outbox.claim(this.owner, state.lane, limit, clock.now().getTime(), leaseMs);
    const first = rows[0];
    if (first) {
      this.#held.set(first.leaseToken, rows.length);
      this.#startRenewal();
    }
    return rows;
  }

  /** Claims and handles one round over every lane; returns how many rows it handled (0 when nothing was due). */
  async runOnce(): Promise<number> {
    await this.#o.outbox.stopStale(this.#o.clock.now().getTime());
    let handled = 0;
    for (const state of this.#lanes) {
      const rows = await this.#claim(state, this.#room(state, this.#o.batchSize));
      handled += rows.length;
      await Promise.all(rows.map((row) => this.#handle(state, row)));
    }
    return handled;
  }

  async #handle(state: LaneState, row: ClaimedRow): Promise<void> {
    state.inFlight += 1;
    try {
      // Not `observer?.handled(await …)`: without an observer that would skip the delivery itself.
      const outcome = await this.#deliver(state.pool, row);
      this.#o.observer?.handled(row.channel, outcome);
    } finally {
      state.inFlight -= 1;
      const left = (this.#held.get(row.leaseToken) ?? 1) - 1;
      if (left > 0) this.#held.set(row.leaseToken, left);
      else this.#held.delete(row.leaseToken);
      if (this.#held.size === 0) this.#stopRenewal();
    }
  }

  async #deliver(pool: ProviderPool, row: ClaimedRow): Promise<Exclude<HandleOutcome, never>> {
    const { outbox, clock, publicUrl, orgName, retry, random } = this.#o;
    // The recipient deleted their data after this row was queued: never send, count apart.
    if (!row.subscriberToken) {
      const done = await outbox.finish(row.id, row.leaseToken, 'deleted', {
        error: 'ontvanger heeft gegevens verwijderd',
        provider: null,
        attempted: false,
      });
      return done ? 'deleted' : 'lost-claim';
    }
    const result = await pool.send(buildMessage(row, publicUrl, orgName));
    const now = clock.now().getTime();
    if (result.ok)
      return (await outbox.markSent(row.id, row.leaseToken, result.provider, result.receipt.providerMessageId, now))
        ? 'sent'
        : 'lost-claim';

    const subscriber = { email: row.subscriberEmail, phone: row.subscriberPhone, fallbackChannel: row.fallbackChannel };
    const next = fallbackChannel(subscriber, row.channels, [row.channel]);
    const troubleSince = row.troubleSince ?? now;
    const hasFallback = next !== undefined;
    const decision: Decision =
      result.kind === 'unavailable'
        ? decideWhenUnavailable({ troubleSince, now, retryAt: result.retryAt, hasFallback }, retry)
        : decideAfterFailure(
            { kind: result.kind, attempts: row.attempts + 1, troubleSince, now, hasFallback },
            random(),
            retry,
          );
    const done: Completion = {
      error: `${result.provider ?? 'geen aanbieder'}: ${result.error}`,
      provider: result.provider,
      attempted: result.kind !== 'unavailable',
    };
    let kept: boolean;
    if (decision.action === 'retry') {
      const reason = result.kind === 'unavailable' ? 'unavailable' : 'retry';
      kept = await outbox.reschedule(row.id, row.leaseToken, now + decision.delayMs, reason, done, now);
      return kept ? (reason === 'unavailable' ? 'waiting' : 'retry') : 'lost-claim';
    }
    const fallbackAddress = next && addressOn(subscriber, next);
    if (decision.action === 'fallback' && next && fallbackAddress) {
      kept = await outbox.fallBack(
        row.id,
        row.leaseToken,
        done,
        {
          broadcastId: row.broadcastId,
          subscriberId: row.subscriberId,
          channel: next,
          address: fallbackAddress,
        },
        now,
      );
      return kept ? 'fallback' : 'lost-claim';
    }
    return (await outbox.finish(row.id, row.leaseToken, 'failed', done)) ? 'failed' : 'lost-claim';
  }

  #startRenewal(): void {
    if (this.#renewTimer) return;
    const { outbox, clock, leaseMs } = this.#o;
    // A third of the lease: two renewals may be missed (a busy event loop) before a lease runs out.
    this.#renewTimer = setInterval(
      () => {
        const until = clock.now().getTime() + leaseMs;
        Promise.all([...this.#held.keys()].map((token) => outbox.renew(token, until))).catch((error: unknown) =>
          console.error('Baken: fout bij verlengen van claims:', error),
        );
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    this.#renewTimer.unref();
  }

  #stopRenewal(): void {
    clearInterval(this.#renewTimer);
    this.#renewTimer = undefined;
  }

  async #beat(now: number): Promise<void> {
    await this.#o.heartbeats?.beat(this.owner, now, this.providers(now));
  }

  /**
   * Runs until `signal` aborts. Each lane keeps what its providers can send within a lease in
   * flight, and claims more when half of that is done. With nothing to claim it waits
   * `idleMs`, or until a message is done or `wake()` is called (the web server calls it after
   * publishing). On abort it lets the messages in flight finish.
   */
  async run(signal: AbortSignal, idleMs = 500): Promise<void> {
    const { outbox, clock, batchSize } = this.#o;
    const inFlight = new Set<Promise<void>>();
    let lastSweep = 0;
    let lastBeat = 0;
    while (!signal.aborted) {
      let claimed = 0;
      try {
        const now = clock.now().getTime();
        if (now - lastSweep >= SWEEP_MS) {
          await outbox.stopStale(now);
          lastSweep = now;
        }
        if (now - lastBeat >= HEARTBEAT_MS) {
          await this.#beat(now);
          lastBeat = now;
        }
        for (const state of this.#lanes) {
          const free = batchSize - inFlight.size;
          if (free <= 0) break;
          const limit = this.#room(state, free);
          // Each claim is a write transaction: do not ask a lane that had nothing due a moment ago.
          if (limit === 0 || Date.now() < state.quietUntil) continue;
          const rows = await this.#claim(state, limit);
          if (rows.length < limit) state.quietUntil = Date.now() + idleMs;
          claimed += rows.length;
          for (const row of rows) {
            const task: Promise<void> = this.#handle(state, row)
              .catch((error: unknown) => console.error('Baken: fout bij versturen:', error))
              .finally(() => inFlight.delete(task));
            inFlight.add(task);
          }
        }
      } catch (error) {
        console.error('Baken: fout in de verzendwachtrij:', error);
      }
      if (claimed > 0) continue;
      // With messages in flight, a finished one is the usual reason to look again; the timer
      // only catches work that became due meanwhile (at most a second late, to keep claims few).
      await Promise.race([this.#idle(signal, inFlight.size === 0 ? idleMs : Math.max(idleMs, 1000)), ...inFlight]);
      this.#cancelIdle();
    }
    await Promise.allSettled(inFlight);
    await this.#o.heartbeats?.forget(this.owner).catch((error: unknown) => console.error('Baken:', error));
  }

  #wakeUp: (() => void) | undefined;

  /** Ends an idle wait at once, so new work is picked up without polling delay. */
  wake(): void {
    for (const state of this.#lanes) state.quietUntil = 0;
    this.#wakeUp?.();
  }

  #cancelIdle(): void {
    this.#wakeUp?.();
  }

  #idle(signal: AbortSignal, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (this.#wakeUp === done) this.#wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.#wakeUp = done;
    });
  }
}
