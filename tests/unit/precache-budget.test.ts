import { describe, expect, it } from 'vitest';
import { formatMegabytes, PRECACHE_BUDGET_BYTES, precacheBudgetBytes } from '../../src/service-worker/build-service-worker.ts';
import { PrecacheError } from '../../src/service-worker/precache-error.ts';

describe('precacheBudgetBytes (BAKEN_PRECACHE_BUDGET_MB)', () => {
  it('is 5 MB unless set', () => {
    expect(PRECACHE_BUDGET_BYTES).toBe(5 * 1024 * 1024);
    expect(precacheBudgetBytes({})).toBe(PRECACHE_BUDGET_BYTES);
    expect(precacheBudgetBytes({ BAKEN_PRECACHE_BUDGET_MB: '' })).toBe(PRECACHE_BUDGET_BYTES);
  });

  it('reads a raised or lowered budget in megabytes', () => {
    expect(precacheBudgetBytes({ BAKEN_PRECACHE_BUDGET_MB: '40' })).toBe(40 * 1024 * 1024);
    expect(precacheBudgetBytes({ BAKEN_PRECACHE_BUDGET_MB: '0.5' })).toBe(512 * 1024);
  });

  it('refuses a value that is not a positive number', () => {
    for (const value of ['vijf', '0', '-2', 'Infinity']) {
      expect(() => precacheBudgetBytes({ BAKEN_PRECACHE_BUDGET_MB: value }), value).toThrow(PrecacheError);
    }
  });

  it('formats sizes as MB with one decimal', () => {
    expect(formatMegabytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatMegabytes(1536 * 1024)).toBe('1.5 MB');
  });
});
