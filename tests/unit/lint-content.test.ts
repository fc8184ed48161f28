import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintContent } from '../../src/lint/lint-content.ts';
import { readContentFs } from '../../src/lint/read-content-fs.ts';
import type { Collection, ContentFile } from '../../src/lint/types.ts';
import { present } from '../helpers/present.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const valid = readContentFs(join(fixtures, 'content-valid'), fixtures);

function withBroken(
  collection: Collection,
  name: string,
): { file: string; problems: ReturnType<typeof lintContent>['problems'] } {
  const path = `content-broken/${collection}/${name}`;
  const broken: ContentFile = { collection, path, source: readFileSync(join(fixtures, path), 'utf8') };
  return { file: path, problems: lintContent([...valid, broken]).problems };
}

describe('lintContent', () => {
  it('finds no problem in valid content', () => {
    expect(valid.length).toBeGreaterThan(5);
    expect(lintContent(valid).problems).toEqual([]);
  });

  it.each([
    ['missing-kernboodschap.md', '## Kernboodschap', /ontbreekt/],
    ['missing-handelingsperspectief.md', '## Handelingsperspectief', /ontbreekt/],
    ['sms-gsm7-too-long.md', 'sms.text', /2 delen \(GSM-7, 161 tekens/],
    ['sms-euro-counts-double.md', 'sms.text', /2 delen \(GSM-7, 161 tekens/],
    ['sms-ucs2-too-long.md', 'sms.text', /2 delen \(UCS-2.*"ë"/],
    ['sms-placeholder-too-long.md', 'sms.text', /maximale lengte/],
    ['unknown-sector.md', 'sectors', /onbekende sector "ruimtevaart"/],
    ['unknown-scenario.md', 'scenario', /onbekend scenario "meteorietinslag"/],
    ['broken-link.md', 'body (regel 21)', /\/lijnen\/bestaat-niet\//],
    ['missing-field.md', 'eigenaar', /ontbreekt/],
    ['broken-yaml.md', 'frontmatter', /YAML klopt niet/],
    ['unknown-placeholder.md', 'sms.text', /\{postcode\}/],
  ])('reports %s with file and field %s', (name, field, message) => {
    const { file, problems } = withBroken('scripts', name);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, field });
    expect(problems[0]?.message).toMatch(message);
  });

  it('rejects a noodkaart for an unknown kind of location', () => {
    const { file, problems } = withBroken('noodkaarten', 'unknown-location.md');
    expect(problems).toEqual([{ file, field: 'location_type', message: expect.stringContaining('school') }]);
  });

  it('reports a word that is in two synonym groups, with the file and line', () => {
    const path = 'content-broken/synoniemen.txt';
    const broken: ContentFile = { collection: 'synonyms', path, source: readFileSync(join(fixtures, path), 'utf8') };
    expect(valid.some((f) => f.collection === 'synonyms')).toBe(true);
    expect(lintContent([...valid.filter((f) => f.collection !== 'synonyms'), broken]).problems).toEqual([
      { file: path, field: 'regel 3', message: expect.stringContaining('"black-out" staat ook op regel 2') },
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const all: ContentFile[] = ['missing-kernboodschap.md', 'unknown-scenario.md', 'broken-link.md'].map((name) => {
      const path = `content-broken/scripts/${name}`;
      return { collection: 'scripts', path, source: readFileSync(join(fixtures, path), 'utf8') };
    });
    expect(lintContent([...valid, ...all]).problems.map((p) => p.file)).toEqual(all.map((f) => f.path));
  });

  it.each([
    ['sectors: [zorg-welzijn]', 'sectors: []', 'sectors', 'noem er minstens 1'],
    [
      'sectors: [zorg-welzijn]',
      'sectors: zorg',
      'sectors',
      'schrijf een lijst van sectoren, bijvoorbeeld [zorg-welzijn], of: alle-sectoren',
    ],
    ['title: Stroomuitval in de zorg', 'title: ""', 'title', 'mag niet leeg zijn'],
    ['max_segments: 1', 'max_segments: 12', 'sms.max_segments', 'mag hoogstens 10 zijn'],
    [
      'geldig_tot: 2099-05-01',
      'geldig_tot: 1 mei 2099',
      'geldig_tot',
      'schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01',
    ],
  ])('explains in Dutch what is wrong when %s becomes %s', (from, to, field, message) => {
    const script = present(
      valid.find((f) => f.collection === 'scripts'),
      'a script in the valid content',
    );
    const source = script.source.replace(from, to);
    expect(source).not.toBe(script.source);
    expect(lintContent([...valid.filter((f) => f !== script), { ...script, source }]).problems).toEqual([
      { file: script.path, field, message },
    ]);
  });

  it('accepts an internal link without its trailing slash', () => {
    const script = present(
      valid.find((f) => f.collection === 'scripts'),
      'a script in the valid content',
    );
    const source = script.source.replace('/noodkaarten/zorglocatie/', '/noodkaarten/zorglocatie');
    expect(lintContent([...valid.filter((f) => f !== script), { ...script, source }]).problems).toEqual([]);
  });

  it('requires vastgesteld_door and vastgesteld_op only for vastgesteld lines', () => {
    const script = present(
      valid.find((f) => f.collection === 'scripts'),
      'a script in the valid content',
    );
    const concept = script.source
      .replace('status: vastgesteld', 'status: concept')
      .replace(/^vastgesteld_(door|op):.*\n/gm, '');
    expect(lintContent([...valid.filter((f) => f !== script), { ...script, source: concept }]).problems).toEqual([]);
    const agreed = script.source.replace(/^vastgesteld_op:.*\n/m, '');
    expect(lintContent([...valid.filter((f) => f !== script), { ...script, source: agreed }]).problems).toEqual([
      { file: script.path, field: 'vastgesteld_op', message: expect.stringContaining('vastgesteld') },
    ]);
  });
});
