import { describe, expect, it } from 'vitest';
import { PrecacheError } from '../../src/service-worker/precache-error.ts';
import { DEFAULT_PRECACHE_LIMITS, formatMegabytes, precacheLimits } from '../../src/service-worker/precache-limits.ts';

const MB = 1024 * 1024;

describe('precacheLimits (BAKEN_PRECACHE_BUDGET_MB, BAKEN_PRECACHE_MAX_FILE_MB)', () => {
  it('is 5 MB in all and 2 MB per file unless set', () => {
    expect(DEFAULT_PRECACHE_LIMITS).toEqual({ budgetBytes: 5 * MB, maxFileBytes: 2 * MB });
    expect(precacheLimits({})).toEqual(DEFAULT_PRECACHE_LIMITS);
    expect(precacheLimits({ BAKEN_PRECACHE_BUDGET_MB: '', BAKEN_PRECACHE_MAX_FILE_MB: '' })).toEqual(
      DEFAULT_PRECACHE_LIMITS,
    );
  });

  it('reads raised or lowered limits in megabytes', () => {
    expect(precacheLimits({ BAKEN_PRECACHE_BUDGET_MB: '40', BAKEN_PRECACHE_MAX_FILE_MB: '0.5' })).toEqual({
      budgetBytes: 40 * MB,
      maxFileBytes: 0.5 * MB,
    });
  });

  it('refuses values that are not positive numbers, naming every bad variable at once', () => {
    for (const value of ['vijf', '0', '-2', 'Infinity']) {
      expect(() => precacheLimits({ BAKEN_PRECACHE_BUDGET_MB: value }), value).toThrow(PrecacheError);
    }
    expect(() => precacheLimits({ BAKEN_PRECACHE_BUDGET_MB: 'veel', BAKEN_PRECACHE_MAX_FILE_MB: '-1' })).toThrow(
      /BAKEN_PRECACHE_BUDGET_MB[\s\S]*\n[\s\S]*BAKEN_PRECACHE_MAX_FILE_MB/,
    );
  });

  it('formats sizes as MB with one decimal', () => {
    expect(formatMegabytes(5 * MB)).toBe('5.0 MB');
    expect(formatMegabytes(1.5 * MB)).toBe('1.5 MB');
  });
});
