import { PrecacheError } from './precache-error.ts';

const MB = 1024 * 1024;

/** How much the precache may hold; the build stops above either limit. */
export interface PrecacheLimits {
  /** All precached files together, in bytes. */
  budgetBytes: number;
  /** One file, in bytes: workbox warns about a bigger file and any warning stops the build. */
  maxFileBytes: number;
}

/**
 * 5 MB in all, 2 MB per file (workbox's own default, set here on purpose). A site that needs
 * more raises them deliberately with BAKEN_PRECACHE_BUDGET_MB and BAKEN_PRECACHE_MAX_FILE_MB.
 */
export const DEFAULT_PRECACHE_LIMITS: Readonly<PrecacheLimits> = { budgetBytes: 5 * MB, maxFileBytes: 2 * MB };

const VARIABLES = { budgetBytes: 'BAKEN_PRECACHE_BUDGET_MB', maxFileBytes: 'BAKEN_PRECACHE_MAX_FILE_MB' } as const;

/** Reads the limits (positive numbers of megabytes) from the environment; lists every bad value at once. */
export function precacheLimits(env: Record<string, string | undefined>): PrecacheLimits {
  const limits: PrecacheLimits = { ...DEFAULT_PRECACHE_LIMITS };
  const problems: string[] = [];
  for (const [key, variable] of Object.entries(VARIABLES) as Array<[keyof PrecacheLimits, string]>) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    const megabytes = Number(value);
    if (Number.isFinite(megabytes) && megabytes > 0) limits[key] = Math.round(megabytes * MB);
    else problems.push(`${variable} moet een positief getal (megabytes) zijn (nu: ${JSON.stringify(value)})`);
  }
  if (problems.length > 0) throw new PrecacheError('precache-limits-invalid', problems.join('\n'));
  return limits;
}

/** Formats bytes as megabytes with one decimal, e.g. "4.2 MB" (1 MB = 1024 × 1024 bytes). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
