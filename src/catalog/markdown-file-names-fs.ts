import { readdirSync } from 'node:fs';

/**
 * The content files of one collection folder: every `*.md` except a README, in name order.
 * A missing folder has none. Shared by the content lint and the server's script reader, so
 * both see the same files.
 */
export function markdownFileNames(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md').sort();
}
