import { systemClock } from '../server/clock.ts';
import { httpFetchText } from './fetch-signed-updates.ts';
import { UpstreamFollower } from './follow-upstream.ts';
import { fileRelayCopyStore } from './relay-copy-fs.ts';
import { createRelayHandler, type RelayHandler } from './relay-handler.ts';
import { FETCH_TIMEOUT_MS, type RelayOptions } from './relay-options.ts';
import { readPublicKeyFile } from './signing-key-fs.ts';

export interface RunningRelay {
  handler: RelayHandler;
  follower: UpstreamFollower;
}

/**
 * Wires a relay: trusts the key in `options.keyPath`, keeps its copy in `dataDir`, borrows
 * the page layout from `clientDir`, and starts following the central hub.
 */
export function startRelay(options: RelayOptions, dataDir: string, clientDir: string): RunningRelay {
  const { file, key } = readPublicKeyFile(options.keyPath);
  const follower = new UpstreamFollower({
    upstream: options.upstream,
    trusted: { key, keyId: file.keyId },
    store: fileRelayCopyStore(dataDir),
    clock: systemClock,
    fetchText: httpFetchText(FETCH_TIMEOUT_MS),
    pollMs: options.pollMs,
    log: (line) => console.log(line),
  });
  follower.start();
  console.log(
    `Baken volgt de centrale hub ${options.upstream} (sleutel ${file.keyId}, elke ${options.pollMs / 1000} s).`,
  );
  return { handler: createRelayHandler(() => follower.status(), clientDir), follower };
}
