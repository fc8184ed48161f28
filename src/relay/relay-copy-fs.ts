import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The last accepted copy, as kept on disk: the envelope's exact text and when it was fetched. */
export interface RelayCopy {
  /** Address of the hub it was fetched from. */
  upstream: string;
  /** The signed envelope, exactly as received (it is checked again after a restart). */
  envelope: string;
  /** When the relay fetched it (ISO 8601). */
  fetchedAt: string;
}

/** Where a relay keeps the last copy it accepted, so it survives a restart without a link. */
export interface RelayCopyStore {
  load(): RelayCopy | undefined;
  save(copy: RelayCopy): void;
}

/** The copy in `<dataDir>/relay/last-updates.json`, replaced atomically (write, then rename). */
export function fileRelayCopyStore(dataDir: string): RelayCopyStore {
  const path = join(dataDir, 'relay', 'last-updates.json');
  return {
    load() {
      try {
        const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<RelayCopy>;
        if (
          typeof value.upstream !== 'string' ||
          typeof value.envelope !== 'string' ||
          typeof value.fetchedAt !== 'string'
        )
          return undefined;
        return { upstream: value.upstream, envelope: value.envelope, fetchedAt: value.fetchedAt };
      } catch {
        return undefined;
      }
    },
    save(copy) {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(copy));
      renameSync(temp, path);
    },
  };
}
