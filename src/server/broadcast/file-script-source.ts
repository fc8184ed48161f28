import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { markdownFileNames } from '../../catalog/markdown-file-names-fs.ts';
import { parseFrontmatter } from '../../catalog/parse-frontmatter.ts';
import { scriptSchema } from '../../schemas/script.ts';
import { type ComposableScript, type ScriptSource, toComposable } from './script-source.ts';

/**
 * Every valid script under `<contentDir>/scripts/`: each `*.md` file (README excluded), in name
 * order, whose frontmatter passes the script schema; the slug is the file name without `.md`.
 * Invalid files are skipped here; the content lint reports them at build time.
 */
function readScripts(contentDir: string): ComposableScript[] {
  const dir = join(contentDir, 'scripts');
  return markdownFileNames(dir).flatMap((name) => {
    const parsed = parseFrontmatter(readFileSync(join(dir, name), 'utf8'));
    if (parsed.error) return [];
    const result = scriptSchema.safeParse(parsed.data ?? {});
    return result.success ? [toComposable(name.replace(/\.md$/, ''), result.data, parsed.body)] : [];
  });
}

/** Which files the scripts folder holds and when each last changed: a new version of a line changes it. */
function folderState(contentDir: string): string {
  const dir = join(contentDir, 'scripts');
  return markdownFileNames(dir)
    .map((name) => `${name}:${statSync(join(dir, name)).mtimeMs}`)
    .join('|');
}

/**
 * Scripts read straight from a content folder; for processes that run outside Astro. They are
 * read again when a file changed, so a line agreed in the browser is offered to coordinators
 * at once, without a restart.
 */
export function fileScriptSource(contentDir: string): ScriptSource {
  let cached: { state: string; scripts: ComposableScript[] } | undefined;
  const load = () => {
    const state = folderState(contentDir);
    if (cached?.state !== state) cached = { state, scripts: readScripts(contentDir) };
    return cached.scripts;
  };
  return {
    list: async () => load(),
    get: async (slug) => load().find((script) => script.slug === slug),
  };
}
