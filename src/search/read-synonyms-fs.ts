import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSynonyms, SYNONYMS_FILE, toSynonymGroups } from './parse-synonyms.ts';
import type { SynonymGroups } from './synonym-table.ts';

/**
 * Reads the synonym groups from `synoniemen.txt` in the content folder; none when the file
 * does not exist. Problems in the file are the content lint's to report, before the build.
 */
export function readSynonymsFs(contentDir: string): SynonymGroups {
  const path = join(contentDir, SYNONYMS_FILE);
  if (!existsSync(path)) return [];
  return toSynonymGroups(parseSynonyms(readFileSync(path, 'utf8')).lines);
}
