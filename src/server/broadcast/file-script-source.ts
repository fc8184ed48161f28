import { readFileSync } from 'node:fs';
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

/** Scripts read straight from a content folder; for processes that run outside Astro. */
export function fileScriptSource(contentDir: string): ScriptSource {
  let cached: ComposableScript[] | undefined;
  const load = () => (cached ??= readScripts(contentDir));
  return {
    list: async () => load(),
    get: async (slug) => load().find((script) => script.slug === slug),
  };
}
