import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Every source file under the given folders (the code that can read a setting). */
function sourceFiles(...folders: string[]): string[] {
  return folders.flatMap((folder) => {
    const path = join(root, folder);
    if (statSync(path).isFile()) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .map((name) => join(path, name))
      .filter((file) => /\.(ts|mjs|astro)$/.test(file) && !relative(root, file).startsWith('tests/fixtures'));
  });
}

/** Settings named in the first column of the tables of a Markdown file (a name in backticks, in capitals). */
function documentedSettings(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8');
  return new Set([...text.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1] ?? ''));
}

/** Environment variables the code reads: every BAKEN_* name, plus HOST and PORT of the server config. */
function settingsInCode(): Set<string> {
  const names = new Set(['HOST', 'PORT']);
  for (const file of sourceFiles('src', 'scripts', 'bench', 'tests', 'astro.config.mjs')) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bBAKEN_[A-Z0-9_]+\b/g)) names.add(match[0]);
  }
  return names;
}

describe('the settings in the docs', () => {
  const inCode = settingsInCode();
  const inConfigurationDocs = documentedSettings('docs/configuration.md');
  const inAnyDocs = new Set(
    readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .flatMap((name) => [...documentedSettings(join('docs', name))]),
  );

  it('docs/configuration.md names only settings the code reads', () => {
    expect([...inConfigurationDocs].filter((name) => !inCode.has(name))).toEqual([]);
  });

  it('document every setting the code reads, in docs/configuration.md or another page of docs/', () => {
    expect([...inCode].filter((name) => !inAnyDocs.has(name)).sort()).toEqual([]);
  });

  it('docs/configuration.md documents every key of the server configuration schema', () => {
    const schema = readFileSync(join(root, 'src', 'server', 'config.ts'), 'utf8');
    const keys = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+): z\./gm)].map((match) => match[1]);
    expect(keys.length).toBeGreaterThan(3);
    for (const key of keys) expect(inConfigurationDocs, key).toContain(key);
  });
});
