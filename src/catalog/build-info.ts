/**
 * Facts about this build. The build date decides whether a line shows as expired, so it
 * is fixed once per build; `BAKEN_BUILD_TIME` (ISO 8601) makes builds reproducible.
 */
export const buildTime: Date = process.env.BAKEN_BUILD_TIME ? new Date(process.env.BAKEN_BUILD_TIME) : new Date();

/** The build date as YYYY-MM-DD (UTC). */
export const buildDate: string = buildTime.toISOString().slice(0, 10);
