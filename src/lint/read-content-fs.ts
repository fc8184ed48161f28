import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COLLECTIONS, type ContentFile } from './types.ts';

/** Reads every `*.md` file of every collection under a content folder (README files excluded). */
export function readContentFs(contentDir: string, projectRoot: string): ContentFile[] {
  return COLLECTIONS.flatMap((collection) => {
    const dir = join(contentDir, collection);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
      .sort()
      .map((name) => {
        const path = join(dir, name);
        return { collection, path: relative(projectRoot, path), source: readFileSync(path, 'utf8') };
      });
  });
}
