import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { addressOn, fallbackChannel } from '../subscribers/pick-channel.ts';
import type { EmailTransport, SmsTransport } from '../transports/transport.ts';
import { buildMessage } from './build-message.ts';
import type { ClaimedRow, OutboxStore } from './outbox-store.ts';
import { ProviderPool, type PoolOptions } from './provider-pool.ts';
import { decideAfterFailure, DEFAULT_RETRY, type RetryOptions } from './retry-policy.ts';

export interface ChannelTransports {
  email: EmailTransport[];
  sms: SmsTransport[];
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
  /** Rows claimed at once, and sent concurrently. */
  batchSize?: number;
  /** How long a claim holds; a worker that dies lets its rows come back after this. */
  leaseMs?: number;
  retry?: RetryOptions;
  pool?: PoolOptions;
  random?: () => number;
}

/** Sends what is due in the outbox: claim, send with failover, then retry, fall back or finish. */
export class OutboxWorker {
  readonly owner: string;
  readonly #o: Required<Omit<WorkerOptions, 'pool' | 'owner' | 'orgName'>> & { orgName: string };
  readonly #livePools: { email: ProviderPool; sms: ProviderPool };
  readonly #spoolPools: { email: ProviderPool; sms: ProviderPool };

  constructor(options: WorkerOptions) {
    this.owner = options.owner ?? `worker-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.#o = { batchSize: 100, leaseMs: 60_000, retry: DEFAULT_RETRY, random: Math.random, ...options, orgName: options.orgName ?? new URL(options.publicUrl).hostname };
    const pool = (list: Array<EmailTransport | SmsTransport>) => new ProviderPool(list, options.clock, options.pool);
    this.#livePools = { email: pool(options.live.email), sms: pool(options.live.sms) };
    this.#spoolPools = { email: pool(options.spool.email), sms: pool(options.spool.sms) };
  }

  /** Claims and handles one batch; returns how many rows it handled (0 when nothing was due). */
  async runOnce(): Promise<number> {
    const { outbox, clock, batchSize, leaseMs } = this.#o;
    const rows = outbox.claim(this.owner, batchSize, clock.now().getTime(), leaseMs);
    await Promise.all(rows.map((row) => this.#handle(row)));
    return rows.length;
  }

  async #handle(row: ClaimedRow): Promise<void> {
    const { outbox, clock, publicUrl, orgName, retry, random } = this.#o;
    const pools = row.training ? this.#spoolPools : this.#livePools;
    const result = await pools[row.channel].send(buildMessage(row, publicUrl, orgName));
    const now = clock.now().getTime();
    if (result.ok) {
      outbox.markSent(row.id, this.owner, result.provider, result.receipt.providerMessageId, now);
      return;
    }
    const subscriber = { email: row.subscriberEmail, phone: row.subscriberPhone, fallbackChannel: row.fallbackChannel };
    const next = row.subscriberToken ? fallbackChannel(subscriber, row.channels, [row.channel]) : undefined;
    const decision = decideAfterFailure({ kind: result.kind, attempts: row.attempts, hasFallback: next !== undefined }, random(), retry);
    const reason = `${result.provider ?? 'geen aanbieder'}: ${result.error}`;
    if (decision.action === 'retry') {
      outbox.reschedule(row.id, this.owner, now + decision.delayMs, reason, result.provider);
    } else {
      const fallback = decision.action === 'fallback' && next ? { broadcastId: row.broadcastId, subscriberId: row.subscriberId, channel: next, address: addressOn(subscriber, next)! } : undefined;
      outbox.finish(row.id, this.owner, reason, result.provider, fallback, now);
    }
  }

  /**
   * Runs until `signal` aborts, keeping up to `batchSize` messages in flight: it claims more
   * as soon as half of them are done, so the providers never wait for the slowest message of
   * a batch. With nothing to do it waits `idleMs`, or until `wake()` is called (the web
   * server calls it after publishing). On abort it lets the messages in flight finish.
   */
  async run(signal: AbortSignal, idleMs = 500): Promise<void> {
    const { outbox, clock, batchSize, leaseMs } = this.#o;
    const inFlight = new Set<Promise<void>>();
    while (!signal.aborted) {
      let claimed = 0;
      if (inFlight.size <= batchSize / 2) {
        try {
          const rows = outbox.claim(this.owner, batchSize - inFlight.size, clock.now().getTime(), leaseMs);
          claimed = rows.length;
          for (const row of rows) {
            const task: Promise<void> = this.#handle(row)
              .catch((error: unknown) => console.error('Baken: fout bij versturen:', error))
              .finally(() => inFlight.delete(task));
            inFlight.add(task);
          }
        } catch (error) {
          console.error('Baken: fout in de verzendwachtrij:', error);
        }
      }
      if (inFlight.size === 0) await this.#idle(signal, idleMs);
      else if (claimed === 0 || inFlight.size > batchSize / 2) await Promise.race(inFlight);
    }
    await Promise.allSettled(inFlight);
  }

  #wakeUp: (() => void) | undefined;

  /** Ends an idle wait at once, so new work is picked up without polling delay. */
  wake(): void {
    this.#wakeUp?.();
  }

  #idle(signal: AbortSignal, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.#wakeUp = done;
    });
  }
}
