import { checkSchema } from '../../lint/check-schema.ts';
import { readContentFs } from '../../lint/read-content-fs.ts';
import type { MarkdownFile } from '../../lint/types.ts';
import { type ComposableScript, type ScriptSource, toComposable } from './script-source.ts';

/** Scripts read straight from a content folder; for processes that run outside Astro. */
export function fileScriptSource(contentDir: string): ScriptSource {
  let cached: ComposableScript[] | undefined;
  const load = () =>
    (cached ??= readContentFs(contentDir, contentDir)
      .filter((file): file is MarkdownFile => file.collection === 'scripts')
      .flatMap((file) => {
        const { entry } = checkSchema(file);
        return entry?.collection === 'scripts' ? [toComposable(entry.slug, entry.data, entry.body)] : [];
      }));
  return {
    list: async () => load(),
    get: async (slug) => load().find((script) => script.slug === slug),
  };
}
