/** Message types between the pages and the service worker. */
export const WORKER_MESSAGE = {
  /** Activate the waiting version now (the user chose "Vernieuwen"). */
  skipWaiting: 'baken:skip-waiting',
  /** Reply on the given port with a `StoredSummary`. */
  storedSummary: 'baken:stored-summary',
  /** Fetch the live pages (`/actueel/`) again, so the stored copy is as new as possible. */
  refreshLive: 'baken:refresh-live',
  /** From the worker to every page: a `NetworkReport` on a request it sent to the server. */
  network: 'baken:network',
} as const;

/** What the worker learnt from the network: whether the server itself answered. */
export interface NetworkReport {
  type: typeof WORKER_MESSAGE.network;
  reachable: boolean;
}

/** What the active worker keeps for offline use. */
export interface StoredSummary {
  /** HTML pages in the precache. */
  pages: number;
  /** All files in the precache. */
  files: number;
  /** Their size in bytes, as stored (uncompressed). */
  bytes: number;
}
