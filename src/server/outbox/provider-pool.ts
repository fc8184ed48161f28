import type { Clock } from '../clock.ts';
import {
  type FailureKind,
  type OutgoingMessage,
  type SendReceipt,
  type Transport,
  TransportError,
} from '../transports/transport.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { type HealthRule, ProviderHealth } from './provider-health.ts';
import type { SendTicket, SharedProviderState } from './provider-state-store.ts';
import { RateLimiter } from './rate-limiter.ts';

export type PoolResult =
  | { ok: true; provider: string; receipt: SendReceipt }
  | { ok: false; kind: FailureKind; provider: string | null; error: string }
  /** No provider could be tried (every circuit open, or none for the channel): nothing was sent. */
  | { ok: false; kind: 'unavailable'; provider: null; error: string; retryAt: number };

interface Provider {
  transport: Transport;
  breaker: CircuitBreaker;
  limiter: RateLimiter | undefined;
  /** Sends per second, when the provider has a limit. */
  rate: number | undefined;
  health: ProviderHealth;
}

/** What the pool tells the metrics about each send a provider got. */
export interface SendObserver {
  sent(provider: string, channel: Transport['channel'], seconds: number, outcome: 'sent' | FailureKind): void;
}

export interface PoolOptions {
  /** Sends per second per provider name; providers not named are not limited. */
  rateLimits?: Record<string, number>;
  breaker?: { threshold: number; cooldownMs: number };
  health?: HealthRule;
  observer?: SendObserver;
  /**
   * Rate limits and open circuits shared with every worker on the same store: with it, the
   * limit holds for all workers together, and a circuit one worker opens is open for all.
   */
  shared?: SharedProviderState | undefined;
}

/** How one provider is doing, for /api/health, the metrics and the worker heartbeat. No settings or secrets. */
export interface ProviderStatus {
  name: string;
  channel: Transport['channel'];
  breaker: 'closed' | 'open' | 'half-open';
  /** When an open circuit may be tried again (ms since the epoch); null when closed. */
  retryAt: number | null;
  deprioritised: boolean;
  /** Share of slow or failed sends in the health window, and how many sends that is. */
  badShare: number;
  samples: number;
  ratePerSecond: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// With no provider at all for a channel, look again after this long.
const NO_PROVIDER_WAIT_MS = 60_000;
// How often a pool reads the circuits other workers opened.
const SHARED_REFRESH_MS = 1_000;
// Shared limits space the sends at 90 % of the configured rate, so that the hard rule (never more
// than the limit within one second at the provider, see ProviderStateStore.admit) seldom has to
// hold a send back.
const SHARED_RATE_SHARE = 0.9;

/**
 * An ordered list of providers for one channel. A send goes to the first provider whose
 * circuit is closed, healthy ones before those the health rule put at the back; a transient
 * failure counts against that provider and the next one is tried (failover). A permanent
 * failure is about the recipient, not the provider, so it is returned at once. When no
 * provider may be tried, nothing is sent and the result says when to look again.
 */
export class ProviderPool {
  readonly #providers: Provider[];
  readonly #clock: Clock;
  readonly #observer: SendObserver | undefined;
  readonly #shared: SharedProviderState | undefined;
  #sharedOpen = new Map<string, number>();
  #sharedReadAt = Number.NEGATIVE_INFINITY;

  constructor(transports: Transport[], clock: Clock, options: PoolOptions = {}) {
    this.#clock = clock;
    this.#observer = options.observer;
    this.#shared = options.shared;
    const now = clock.now().getTime();
    this.#providers = transports.map((transport) => {
      const rate = options.rateLimits?.[transport.name];
      return {
        transport,
        breaker: new CircuitBreaker(options.breaker),
        limiter: rate ? new RateLimiter(rate, Math.max(1, Math.ceil(rate)), now) : undefined,
        rate,
        health: new ProviderHealth(options.health),
      };
    });
  }

  /** The circuit state of a provider: its own breaker's, or open when another worker opened it. */
  #state(p: Provider, now: number): 'closed' | 'open' | 'half-open' {
    const local = p.breaker.state(now);
    return local === 'closed' && (this.#sharedOpen.get(p.transport.name) ?? 0) > now ? 'open' : local;
  }

  #retryAt(p: Provider, now: number): number {
    return Math.max(p.breaker.retryAt(now), this.#sharedOpen.get(p.transport.name) ?? now);
  }

  /** Reads the circuits other workers opened, at most once a second. */
  async refreshShared(now = this.#clock.now().getTime()): Promise<void> {
    if (!this.#shared || now - this.#sharedReadAt < SHARED_REFRESH_MS) return;
    this.#sharedReadAt = now;
    try {
      this.#sharedOpen = await this.#shared.openCircuits(now);
    } catch (error) {
      console.error('Baken: gedeelde status van aanbieders niet gelezen:', error);
    }
  }

  #ordered(now: number): Provider[] {
    const healthy = this.#providers.filter((p) => !p.health.deprioritised(now));
    return [...healthy, ...this.#providers.filter((p) => !healthy.includes(p))];
  }

  /**
   * How many messages the pool can hand over within `withinMs` at its providers' rates, at
   * most `cap`: a worker claims no more than this, so nothing it holds waits out its lease.
   * Half of the window is kept spare. Zero when every circuit is open.
   */
  capacity(withinMs: number, cap: number, now = this.#clock.now().getTime()): number {
    let total = 0;
    for (const p of this.#providers) {
      const state = this.#state(p, now);
      if (state === 'open') continue;
      if (state === 'half-open') total += p.breaker.trialInFlight ? 0 : 1;
      else if (!p.limiter) return cap;
      else total += Math.max(1, Math.floor((p.limiter.perSecond * withinMs) / 2000));
    }
    return Math.min(cap, total);
  }

  /** When a provider may be tried again: now, unless every circuit is open. */
  retryAt(now = this.#clock.now().getTime()): number {
    if (this.#providers.length === 0) return now + NO_PROVIDER_WAIT_MS;
    return Math.min(
      ...this.#providers.map((p) =>
        this.#state(p, now) === 'half-open' && p.breaker.trialInFlight ? now + 1000 : this.#retryAt(p, now),
      ),
    );
  }

  status(now = this.#clock.now().getTime()): ProviderStatus[] {
    return this.#providers.map((p) => {
      const breaker = this.#state(p, now);
      const { badShare, samples } = p.health.stats(now);
      return {
        name: p.transport.name,
        channel: p.transport.channel,
        breaker,
        retryAt: breaker === 'closed' ? null : this.#retryAt(p, now),
        deprioritised: p.health.deprioritised(now),
        badShare,
        samples,
        ratePerSecond: p.limiter?.perSecond ?? null,
      };
    });
  }

  async send(message: OutgoingMessage): Promise<PoolResult> {
    let last: PoolResult | undefined;
    await this.refreshShared();
    for (const provider of this.#ordered(this.#clock.now().getTime())) {
      const now = this.#clock.now().getTime();
      if (
        provider.transport.channel !== message.channel ||
        this.#state(provider, now) === 'open' ||
        !provider.breaker.allow(now)
      )
        continue;
      const ticket = await this.#waitForSlot(provider, now);
      const started = performance.now();
      const name = provider.transport.name;
      try {
        const receipt = await (provider.transport.send as (m: OutgoingMessage) => Promise<SendReceipt>)(message);
        await this.#record(provider, ticket, started, 'sent');
        return { ok: true, provider: name, receipt };
      } catch (error) {
        const kind: FailureKind = error instanceof TransportError ? error.kind : 'transient';
        const text = error instanceof Error ? error.message : String(error);
        await this.#record(provider, ticket, started, kind);
        if (kind === 'permanent') return { ok: false, kind, provider: name, error: text };
        last = { ok: false, kind, provider: name, error: text };
      }
    }
    return (
      last ?? {
        ok: false,
        kind: 'unavailable',
        provider: null,
        error: 'geen aanbieder beschikbaar (alle stroomonderbrekers open)',
        retryAt: this.retryAt(),
      }
    );
  }

  /**
   * Waits until `provider` may get the next send within its rate: its own limit, or the one
   * shared by every worker — spaced evenly, then admitted only while the provider cannot count
   * more than its limit within one second. The ticket says the send is on its way.
   */
  async #waitForSlot(provider: Provider, now: number): Promise<SendTicket | undefined> {
    const shared = this.#shared;
    if (!provider.rate || !shared) {
      const wait = provider.limiter?.reserve(now) ?? 0;
      if (wait > 0) await sleep(wait);
      return undefined;
    }
    const name = provider.transport.name;
    const wait = await shared.reserve(name, provider.rate * SHARED_RATE_SHARE, now);
    if (wait > 0) await sleep(wait);
    for (;;) {
      const admitted = await shared.admit(name, provider.rate);
      if ('id' in admitted) return admitted;
      await sleep(admitted.waitMs);
    }
  }

  async #record(
    provider: Provider,
    ticket: SendTicket | undefined,
    started: number,
    outcome: 'sent' | FailureKind,
  ): Promise<void> {
    const latencyMs = performance.now() - started;
    if (ticket) await this.#shared?.done(ticket).catch((error: unknown) => console.error('Baken:', error));
    const now = this.#clock.now().getTime();
    const name = provider.transport.name;
    // A refused recipient says nothing bad about the provider: it answered.
    if (outcome === 'transient') {
      provider.breaker.failure(now);
      if (this.#shared && provider.breaker.state(now) !== 'closed') {
        const until = provider.breaker.retryAt(now);
        this.#sharedOpen.set(name, until);
        await this.#shared.open(name, until).catch((error: unknown) => console.error('Baken:', error));
      }
    } else {
      provider.breaker.success();
      if (this.#shared && this.#sharedOpen.delete(name))
        await this.#shared.close(name).catch((error: unknown) => console.error('Baken:', error));
    }
    provider.health.record(now, latencyMs, outcome !== 'transient');
    this.#observer?.sent(provider.transport.name, provider.transport.channel, latencyMs / 1000, outcome);
  }
}
