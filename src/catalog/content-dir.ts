import { resolve } from 'node:path';

/** Folder holding sectors/, scenarios/, scripts/ and noodkaarten/; `BAKEN_CONTENT_DIR` overrides it. */
export function contentDir(projectRoot: string = process.cwd()): string {
  return resolve(projectRoot, process.env.BAKEN_CONTENT_DIR ?? 'content');
}
