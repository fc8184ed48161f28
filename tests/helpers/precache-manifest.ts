import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PrecacheEntry {
  url: string;
  revision: string | null;
  integrity?: string;
}

/** The precache list workbox injected into `<clientDir>/sw.js`. */
export function readPrecacheManifest(clientDir: string): PrecacheEntry[] {
  const source = readFileSync(join(clientDir, 'sw.js'), 'utf8');
  const json = /\[\{"(?:revision|url|integrity)"[\s\S]*?\}\]/.exec(source)?.[0];
  if (!json) throw new Error('no precache manifest found in sw.js');
  return JSON.parse(json) as PrecacheEntry[];
}
