import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { markdownFileNames } from '../../catalog/markdown-file-names-fs.ts';
import { parseFrontmatter } from '../../catalog/parse-frontmatter.ts';
import type { CatalogSlugs } from '../../lint/lint-line.ts';
import { type ScriptFrontmatter, scriptSchema } from '../../schemas/script.ts';
import { sectorSchema } from '../../schemas/sector.ts';

/** A published line as it is in the content folder now. */
export interface CurrentLine {
  slug: string;
  source: string;
  /** Its frontmatter, when it passes the schema. */
  data: ScriptFrontmatter | undefined;
}

/** What the line service reads of the content folder. */
export interface LineCatalog {
  slugs(): Promise<CatalogSlugs>;
  /** Sector slug → its name ("Zorg en welzijn"), in the sectors' order. */
  sectorNames(): Promise<Map<string, string>>;
  /** The published line `slug`, or undefined when there is none. */
  line(slug: string): Promise<CurrentLine | undefined>;
  /** Every published line. */
  lines(): Promise<CurrentLine[]>;
}

const slugsIn = (dir: string) => markdownFileNames(dir).map((name) => name.replace(/\.md$/, ''));

/** The catalog read from a content folder on every call: the folder changes when a line is published. */
export function fileLineCatalog(contentDir: string): LineCatalog {
  const line = async (slug: string): Promise<CurrentLine | undefined> => {
    // Callers pass validated slugs; this check keeps the file system safe on its own too.
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return undefined;
    let source: string;
    try {
      source = await readFile(join(contentDir, 'scripts', `${slug}.md`), 'utf8');
    } catch {
      return undefined;
    }
    const parsed = scriptSchema.safeParse(parseFrontmatter(source).data ?? {});
    return { slug, source, data: parsed.success ? parsed.data : undefined };
  };
  return {
    async slugs() {
      return {
        sectors: slugsIn(join(contentDir, 'sectors')),
        scenarios: slugsIn(join(contentDir, 'scenarios')),
        scripts: slugsIn(join(contentDir, 'scripts')),
        noodkaarten: slugsIn(join(contentDir, 'noodkaarten')),
      };
    },
    async sectorNames() {
      const sectors = await Promise.all(
        slugsIn(join(contentDir, 'sectors')).map(async (slug) => {
          const source = await readFile(join(contentDir, 'sectors', `${slug}.md`), 'utf8');
          const data = sectorSchema.safeParse(parseFrontmatter(source).data ?? {}).data;
          return { slug, name: data?.name ?? slug, order: data?.order ?? 0 };
        }),
      );
      sectors.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
      return new Map(sectors.map((s) => [s.slug, s.name]));
    },
    line,
    async lines() {
      const found = await Promise.all(slugsIn(join(contentDir, 'scripts')).map(line));
      return found.filter((l): l is CurrentLine => l !== undefined);
    },
  };
}
