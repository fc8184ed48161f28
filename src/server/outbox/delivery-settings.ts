import type { HealthRule } from './provider-health.ts';
import { DEFAULT_HEALTH_RULE } from './provider-health.ts';
import { DEFAULT_RETRY, type RetryOptions } from './retry-policy.ts';

/** How the outbox workers behave, read from the environment (see docs/delivery.md). */
export interface DeliverySettings {
  /** BAKEN_OUTBOX_LEASE_MS: how long a claim holds without renewal. */
  leaseMs: number;
  /** BAKEN_OUTBOX_BATCH: most rows one worker holds at once. */
  batchSize: number;
  retry: RetryOptions;
  breaker: { threshold: number; cooldownMs: number };
  health: HealthRule;
  /** BAKEN_BROADCAST_VALID_HOURS: how long after approval a broadcast's messages may still go out. */
  broadcastValidityMs: number;
  /** BAKEN_METRICS_PORT: where the Prometheus metrics are served; null leaves them off. */
  metrics: { host: string; port: number } | null;
}

interface NumberRule {
  key: string;
  fallback: number;
  min: number;
  max: number;
  /** A unit for the Dutch error, e.g. "milliseconden". */
  unit: string;
}

function wholeNumber(env: Record<string, string | undefined>, rule: NumberRule, problems: string[]): number {
  const raw = env[rule.key]?.trim();
  if (raw === undefined || raw === '') return rule.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
    problems.push(
      `${rule.key}: vul een heel getal in van ${rule.min} tot en met ${rule.max} ${rule.unit} (nu: ${JSON.stringify(raw)})`,
    );
    return rule.fallback;
  }
  return value;
}

const DAY = 24 * 3_600_000;

/**
 * Reads the delivery settings; every bad key is reported in `problems` in Dutch, so start-up
 * can list them all at once. Unset keys keep the defaults made for an outage.
 */
export function readDeliverySettings(env: Record<string, string | undefined>, problems: string[]): DeliverySettings {
  const n = (key: string, fallback: number, min: number, max: number, unit: string) =>
    wholeNumber(env, { key, fallback, min, max, unit }, problems);
  const retry: RetryOptions = {
    horizonMs: n('BAKEN_RETRY_HORIZON_MS', DEFAULT_RETRY.horizonMs, 1000, 7 * DAY, 'milliseconden'),
    baseDelayMs: n('BAKEN_RETRY_BASE_MS', DEFAULT_RETRY.baseDelayMs, 10, 3_600_000, 'milliseconden'),
    maxDelayMs: n('BAKEN_RETRY_MAX_DELAY_MS', DEFAULT_RETRY.maxDelayMs, 10, 6 * 3_600_000, 'milliseconden'),
    fallbackAfterMs: n('BAKEN_FALLBACK_AFTER_MS', DEFAULT_RETRY.fallbackAfterMs, 0, 7 * DAY, 'milliseconden'),
  };
  const metricsPort = n('BAKEN_METRICS_PORT', -1, 0, 65535, '(poortnummer)');
  return {
    leaseMs: n('BAKEN_OUTBOX_LEASE_MS', 60_000, 1000, DAY, 'milliseconden'),
    batchSize: n('BAKEN_OUTBOX_BATCH', 100, 1, 1000, 'berichten'),
    retry,
    breaker: {
      threshold: n('BAKEN_BREAKER_THRESHOLD', 5, 1, 1000, 'fouten op rij'),
      cooldownMs: n('BAKEN_BREAKER_COOLDOWN_MS', 30_000, 100, 3_600_000, 'milliseconden'),
    },
    health: {
      ...DEFAULT_HEALTH_RULE,
      slowMs: n('BAKEN_PROVIDER_SLOW_MS', DEFAULT_HEALTH_RULE.slowMs, 1, 3_600_000, 'milliseconden'),
    },
    broadcastValidityMs: n('BAKEN_BROADCAST_VALID_HOURS', 24, 1, 24 * 14, 'uur') * 3_600_000,
    metrics: metricsPort >= 0 ? { host: env.BAKEN_METRICS_HOST?.trim() || '127.0.0.1', port: metricsPort } : null,
  };
}
