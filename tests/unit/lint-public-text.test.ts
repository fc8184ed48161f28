import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintContent } from '../../src/lint/lint-content.ts';
import { readContentFs } from '../../src/lint/read-content-fs.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const valid = readContentFs(join(fixtures, 'content-valid'), fixtures);
const path = 'content-valid/scripts/zorg-stroomuitval.md';

/** Lints the valid content with the care script changed by `edit`. */
function problemsWith(edit: (text: string) => string) {
  const files = valid.map((f) => (f.path === path ? { ...f, source: edit(f.source) } : f));
  return lintContent(files).problems;
}

describe('content that holds in a crisis', () => {
  it('starts from a fixture without problems', () => {
    expect(problemsWith((s) => s)).toEqual([]);
  });

  it('refuses staff instructions in the Handelingsperspectief', () => {
    const problems = problemsWith((s) =>
      s.replace(
        '## Handelingsperspectief\n',
        '## Handelingsperspectief\n\n- Medewerkers: ga eerst naar de cliënten.\n',
      ),
    );
    expect(problems).toEqual([
      {
        file: path,
        field: '## Handelingsperspectief',
        message: expect.stringContaining('Instructies voor medewerkers'),
      },
    ]);
  });

  it('refuses a promise of NL-Alert in a care line', () => {
    const problems = problemsWith((s) =>
      s.replace('## Handelingsperspectief\n', '## Handelingsperspectief\n\n- Nieuws krijgt u via sms en NL-Alert.\n'),
    );
    expect(problems).toEqual([
      { file: path, field: 'body', message: expect.stringContaining('alleen de overheid verstuurt NL-Alert') },
    ]);
  });

  it('requires when the next update comes', () => {
    expect(problemsWith((s) => s.replace(/^next_update: .*\n/m, ''))).toEqual([
      { file: path, field: 'next_update', message: expect.stringContaining('volgende update') },
    ]);
  });

  it('requires a label and hint for every field a coordinator fills in', () => {
    const problems = problemsWith((s) => s.replace(/^ {2}gemeente:\n {4}label: .*\n {4}hint: .*\n/m, ''));
    expect(problems).toEqual([{ file: path, field: 'fields.gemeente', message: expect.stringContaining('label') }]);
  });

  it('allows only {tijd} in the correction line, so it is true whichever field was wrong', () => {
    const problems = problemsWith((s) =>
      s.replace(
        /^correction: .*$/m,
        'correction: "Correctie op ons bericht van {tijd}: het noodsteunpunt is op {locatie}."',
      ),
    );
    expect(problems).toEqual([{ file: path, field: 'correction', message: expect.stringContaining('{locatie}') }]);
  });
});
