import { join } from 'node:path';
import { parseRelayOptions } from '../relay/relay-options.ts';
import { type RunningRelay, startRelay } from '../relay/start-relay.ts';

/** The central hub's public key in the bundle, written by `npm run bundle` from its data folder. */
export const BUNDLE_PUBLIC_KEY_FILE = 'hub-public-key.json';
/** Folder next to serve.mjs where a relay keeps the last updates it fetched. */
export const BUNDLE_DATA_DIR = 'gegevens';

/**
 * With BAKEN_UPSTREAM set, the bundle follows the central hub it was made from: it trusts
 * the key in hub-public-key.json (or BAKEN_UPSTREAM_KEY) and keeps its copy in gegevens/
 * (or BAKEN_DATA_DIR). Undefined without BAKEN_UPSTREAM.
 */
export function startBundleRelay(bundleDir: string, env: Record<string, string | undefined>): RunningRelay | undefined {
  const options = parseRelayOptions(env, join(bundleDir, BUNDLE_PUBLIC_KEY_FILE));
  return (
    options && startRelay(options, env.BAKEN_DATA_DIR || join(bundleDir, BUNDLE_DATA_DIR), join(bundleDir, 'site'))
  );
}
