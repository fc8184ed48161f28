/** Message types the pages send to the service worker. */
export const WORKER_MESSAGE = {
  /** Activate the waiting version now (the user chose "Vernieuwen"). */
  skipWaiting: 'baken:skip-waiting',
  /** Reply on the given port with a `StoredSummary`. */
  storedSummary: 'baken:stored-summary',
} as const;

/** What the active worker keeps for offline use. */
export interface StoredSummary {
  /** HTML pages in the precache. */
  pages: number;
  /** All files in the precache. */
  files: number;
  /** Their size in bytes, as stored (uncompressed). */
  bytes: number;
}
