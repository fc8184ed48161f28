import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/hub-server.ts';

const broken = join(projectRoot, 'tests', 'fixtures', 'content-broken');
const work = mkdtempSync(join(tmpdir(), 'baken-broken-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Field each broken fixture must be reported under (see tests/fixtures/content-broken/). */
const EXPECTED: Record<string, string> = {
  'scripts/missing-kernboodschap.md': '## Kernboodschap',
  'scripts/missing-handelingsperspectief.md': '## Handelingsperspectief',
  'scripts/sms-gsm7-too-long.md': 'sms.text',
  'scripts/sms-euro-counts-double.md': 'sms.text',
  'scripts/sms-ucs2-too-long.md': 'sms.text',
  'scripts/sms-placeholder-too-long.md': 'sms.text',
  'scripts/unknown-sector.md': 'sectors',
  'scripts/unknown-scenario.md': 'scenario',
  'scripts/broken-link.md': 'body (regel 21)',
  'scripts/missing-field.md': 'eigenaar',
  'scripts/broken-yaml.md': 'frontmatter',
  'scripts/unknown-placeholder.md': 'sms.text',
  'noodkaarten/unknown-location.md': 'location_type',
  'synoniemen.txt': 'regel 3',
};

describe('npm run build on content with mistakes', () => {
  it('fails and names every broken file with its field, one message per problem', () => {
    const content = join(work, 'content');
    cpSync(join(projectRoot, 'content'), content, { recursive: true });
    cpSync(broken, content, { recursive: true, filter: (src) => !src.endsWith('README.md') });
    const fixtures = readdirSync(broken, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== 'README.md')
      .map((entry) => relative(broken, join(entry.parentPath, entry.name)));
    expect(fixtures.sort()).toEqual(Object.keys(EXPECTED).sort());

    const outDir = join(work, 'dist');
    const result = spawnSync(
      process.execPath,
      [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir],
      {
        cwd: projectRoot,
        env: { ...process.env, BAKEN_CONTENT_DIR: content, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).not.toBe(0);
    expect(existsSync(join(outDir, 'client', 'index.html'))).toBe(false);
    for (const [file, field] of Object.entries(EXPECTED)) {
      expect(output, file).toContain(`${file} › ${field}:`);
    }
    expect(output).toContain(`De inhoud heeft ${fixtures.length} problemen`);
  });
});
