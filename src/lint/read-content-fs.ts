import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { markdownFileNames } from '../catalog/markdown-file-names-fs.ts';
import { SYNONYMS_FILE } from '../search/parse-synonyms.ts';
import { COLLECTIONS, type ContentFile } from './types.ts';

/**
 * Reads every `*.md` file of every collection under a content folder (README files
 * excluded), and the synonyms file when there is one.
 */
export function readContentFs(contentDir: string, projectRoot: string): ContentFile[] {
  const synonymsPath = join(contentDir, SYNONYMS_FILE);
  const synonyms: ContentFile[] = existsSync(synonymsPath)
    ? [
        {
          collection: 'synonyms',
          path: relative(projectRoot, synonymsPath),
          source: readFileSync(synonymsPath, 'utf8'),
        },
      ]
    : [];
  return [...markdownFiles(contentDir, projectRoot), ...synonyms];
}

function markdownFiles(contentDir: string, projectRoot: string): ContentFile[] {
  return COLLECTIONS.flatMap((collection) => {
    const dir = join(contentDir, collection);
    return markdownFileNames(dir).map((name) => {
      const path = join(dir, name);
      return { collection, path: relative(projectRoot, path), source: readFileSync(path, 'utf8') };
    });
  });
}
