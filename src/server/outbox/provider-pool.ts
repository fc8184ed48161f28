import type { Clock } from '../clock.ts';
import { TransportError, type FailureKind, type OutgoingMessage, type SendReceipt, type Transport } from '../transports/transport.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { RateLimiter } from './rate-limiter.ts';

export type PoolResult =
  | { ok: true; provider: string; receipt: SendReceipt }
  | { ok: false; kind: FailureKind; provider: string | null; error: string };

interface Provider {
  transport: Transport;
  breaker: CircuitBreaker;
  limiter: RateLimiter | undefined;
}

export interface PoolOptions {
  /** Sends per second per provider name; providers not named are not limited. */
  rateLimits?: Record<string, number>;
  breaker?: { threshold: number; cooldownMs: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An ordered list of providers for one channel. A send goes to the first provider whose
 * circuit is closed; a transient failure counts against that provider and the next one is
 * tried (failover). A permanent failure is about the recipient, not the provider, so it is
 * returned at once.
 */
export class ProviderPool {
  readonly #providers: Provider[];
  readonly #clock: Clock;

  constructor(transports: Transport[], clock: Clock, options: PoolOptions = {}) {
    this.#clock = clock;
    const now = clock.now().getTime();
    this.#providers = transports.map((transport) => {
      const rate = options.rateLimits?.[transport.name];
      return {
        transport,
        breaker: new CircuitBreaker(options.breaker),
        limiter: rate ? new RateLimiter(rate, Math.max(1, Math.ceil(rate)), now) : undefined,
      };
    });
  }

  get names(): string[] {
    return this.#providers.map((p) => p.transport.name);
  }

  async send(message: OutgoingMessage): Promise<PoolResult> {
    let last: PoolResult = { ok: false, kind: 'transient', provider: null, error: 'geen aanbieder beschikbaar (alle stroomonderbrekers open)' };
    for (const provider of this.#providers) {
      if (provider.transport.channel !== message.channel || !provider.breaker.allow(this.#clock.now().getTime())) continue;
      const wait = provider.limiter?.reserve(this.#clock.now().getTime()) ?? 0;
      if (wait > 0) await sleep(wait);
      try {
        const receipt = await (provider.transport.send as (m: OutgoingMessage) => Promise<SendReceipt>)(message);
        provider.breaker.success();
        return { ok: true, provider: provider.transport.name, receipt };
      } catch (error) {
        const kind: FailureKind = error instanceof TransportError ? error.kind : 'transient';
        const text = error instanceof Error ? error.message : String(error);
        if (kind === 'permanent') {
          provider.breaker.success();
          return { ok: false, kind, provider: provider.transport.name, error: text };
        }
        provider.breaker.failure(this.#clock.now().getTime());
        last = { ok: false, kind, provider: provider.transport.name, error: text };
      }
    }
    return last;
  }
}
